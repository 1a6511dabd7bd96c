namespace MachineActors.Drivers.Ipp;

/// <summary>
/// An IPP request or response: header, attribute groups in wire order, and the document data
/// that follows the end-of-attributes tag. The same shape serves both directions; only the
/// meaning of <see cref="Code"/> differs (operation-id in requests, status-code in responses).
/// </summary>
public sealed class IppMessage
{
    /// <summary>Creates a message.</summary>
    public IppMessage(
        IppVersion version,
        ushort code,
        int requestId,
        IReadOnlyList<IppAttributeGroup> groups,
        ReadOnlyMemory<byte> data = default)
    {
        ArgumentNullException.ThrowIfNull(groups);
        Version = version;
        Code = code;
        RequestId = requestId;
        Groups = groups;
        Data = data;
    }

    /// <summary>The protocol version.</summary>
    public IppVersion Version { get; }

    /// <summary>operation-id (request) or status-code (response).</summary>
    public ushort Code { get; }

    /// <summary>The request-id, echoed by the printer in its response.</summary>
    public int RequestId { get; }

    /// <summary>The attribute groups in wire order; a tag may appear more than once (e.g. one job group per job).</summary>
    public IReadOnlyList<IppAttributeGroup> Groups { get; }

    /// <summary>Bytes after the end-of-attributes tag (the document, for Print-Job).</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary><see cref="Code"/> read as an operation.</summary>
    public IppOperation Operation => (IppOperation)Code;

    /// <summary><see cref="Code"/> read as a status code.</summary>
    public IppStatusCode StatusCode => (IppStatusCode)Code;

    /// <summary>Creates a request whose operation group holds the given attributes.</summary>
    public static IppMessage CreateRequest(
        IppOperation operation,
        int requestId,
        IEnumerable<IppAttribute> operationAttributes,
        IEnumerable<IppAttributeGroup>? otherGroups = null,
        ReadOnlyMemory<byte> data = default)
    {
        var groups = new List<IppAttributeGroup> { new(IppGroupTag.Operation, operationAttributes.ToArray()) };
        if (otherGroups is not null)
        {
            groups.AddRange(otherGroups);
        }

        return new IppMessage(IppVersion.Ipp20, (ushort)operation, requestId, groups, data);
    }

    /// <summary>The first group with this tag, or null.</summary>
    public IppAttributeGroup? FindGroup(IppGroupTag tag) => Groups.FirstOrDefault(g => g.Tag == tag);

    /// <summary>The first attribute with this name in the first group with this tag, or null.</summary>
    public IppAttribute? Find(IppGroupTag tag, string name) => FindGroup(tag)?.Find(name);
}
