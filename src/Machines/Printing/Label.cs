using System.Text;

namespace MachineActors.Machines.Printing;

/// <summary>
/// One rendered label: its bytes, their content type (e.g. <c>text/plain; charset=utf-8</c>, <c>application/pdf</c>,
/// <c>application/zpl</c>) and an optional name (shown as the printer's job name where there is one). Two labels are
/// equal when their bytes, content type and name are.
/// </summary>
public sealed record Label
{
    /// <summary>Creates a label; <paramref name="contentType"/> must be a well-formed <c>type/subtype</c>.</summary>
    public Label(ReadOnlyMemory<byte> content, string contentType, string? name = null)
    {
        if (!LabelContentTypes.IsValid(contentType))
        {
            throw new ArgumentException($"'{contentType}' is not a content type (type/subtype).", nameof(contentType));
        }

        Content = content;
        ContentType = contentType;
        Name = string.IsNullOrWhiteSpace(name) ? null : name;
    }

    /// <summary>The rendered label.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>The content type as given, parameters included.</summary>
    public string ContentType { get; }

    /// <summary>A name for the label, or null.</summary>
    public string? Name { get; }

    /// <summary>The content type without parameters, lower-case, e.g. <c>text/plain</c>.</summary>
    public string MediaType => LabelContentTypes.MediaTypeOf(ContentType);

    /// <summary>A <c>text/plain; charset=utf-8</c> label.</summary>
    public static Label FromText(string text, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Label(Encoding.UTF8.GetBytes(text), LabelContentTypes.Text + "; charset=utf-8", name);
    }

    /// <inheritdoc />
    public bool Equals(Label? other) =>
        other is not null
        && string.Equals(ContentType, other.ContentType, StringComparison.Ordinal)
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && Content.Span.SequenceEqual(other.Content.Span);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ContentType, Name, Content.Length);
}
