namespace MachineActors.Drivers.Ipp;

/// <summary>The printer group of a Get-Printer-Attributes response, with typed access to the state attributes.</summary>
public sealed class IppPrinterAttributes
{
    /// <summary>Wraps a printer attribute group.</summary>
    public IppPrinterAttributes(IppAttributeGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        Group = group;
    }

    /// <summary>Every attribute the printer returned.</summary>
    public IppAttributeGroup Group { get; }

    /// <summary>printer-state, or null if absent or not an enum.</summary>
    public IppPrinterState? State => Group.Find("printer-state")?.AsInteger() is { } state ? (IppPrinterState)state : null;

    /// <summary>printer-state-reasons keywords as sent (suffixes included); empty if absent.</summary>
    public IReadOnlyList<string> StateReasons => Group.Find("printer-state-reasons")?.AsStrings() ?? [];

    /// <summary>printer-state-message, or null.</summary>
    public string? StateMessage => Group.Find("printer-state-message")?.AsString();

    /// <summary>The attribute with this name, or null.</summary>
    public IppAttribute? Find(string name) => Group.Find(name);
}
