using System.Globalization;

namespace MachineActors.Registry.Actors;

/// <summary>
/// Cuts a <see cref="GetMachines"/> page so that its reply fits one message between nodes: at most the page's limit,
/// and at most <see cref="MaxBytes"/> by a generous estimate of each machine's serialized size (every character counted
/// as three UTF-8 bytes). The first machine is always taken, so every page makes progress.
/// </summary>
internal static class MachinePage
{
    /// <summary>A quarter of the default largest message between nodes (1 MiB), leaving room for JSON escaping.</summary>
    public const int MaxBytes = 256 * 1024;

    // The field names, ids, flags and status of a view, serialized, stay well under this.
    private const int FixedBytes = 600;

    public static MachinesResult Of(IEnumerable<MachineView> ordered, int limit)
    {
        var page = new List<MachineView>();
        var bytes = 0;
        foreach (var view in ordered)
        {
            var size = EstimatedBytes(view);
            if (page.Count == limit || (page.Count > 0 && bytes + size > MaxBytes))
            {
                return new MachinesResult(page) { HasMore = true };
            }
            page.Add(view);
            bytes += size;
        }
        return new MachinesResult(page);
    }

    public static int EstimatedBytes(MachineView view)
    {
        var characters = view.Name.Length + view.MachineType.Length + view.Driver.Length + (view.Placement?.Length ?? 0)
            + view.StatusText.Length + (view.Status is { } status ? status.Name.Length + status.Label.Length : 0);
        foreach (var error in view.Errors)
        {
            characters += error.Length + 4;
        }
        foreach (var property in view.Properties)
        {
            characters += property.Key.Length + (property.Group?.Length ?? 0)
                + (Convert.ToString(property.Value, CultureInfo.InvariantCulture)?.Length ?? 0) + 64;
        }
        return FixedBytes + 3 * characters;
    }
}
