using System.Text;
using MachineActors.Drivers.LabelPrinter;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.Tests.LabelPrinter;

/// <summary>Builds print jobs for tests.</summary>
internal static class Jobs
{
    public static PrintJob Of(params Label[] labels) => new(Guid.NewGuid(), labels);

    public static PrintJob Of(int copies, params Label[] labels) => new(Guid.NewGuid(), labels, Copies(copies));

    public static PrintJob Text(params string[] texts) => Of(texts.Select(text => Label.FromText(text)).ToArray());

    public static Label Zpl(string zpl) => new(Encoding.ASCII.GetBytes(zpl), "application/zpl");

    public static PrintOptions Copies(int copies)
    {
        var parsed = PrintOptions.Parse(new Dictionary<string, object?> { ["copies"] = copies });
        return parsed.Options ?? throw new InvalidOperationException(string.Join("; ", parsed.Errors));
    }
}
