namespace MachineActors.Machines;

/// <summary>
/// Reads the required attributes of a machine type or driver, collecting the ones that are null or blank and the
/// ones whose getter threw, so that a broken plugin class yields problems instead of an exception.
/// </summary>
internal sealed class AttributeReader
{
    private readonly List<string> _missing = [];
    private readonly List<string> _failures = [];

    public AttributeReader(object owner)
    {
        ClassName = owner.GetType().Name;
    }

    public string ClassName { get; }

    public string? ReadText(string attribute, Func<string?> read)
    {
        var text = Read(attribute, read);
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            _missing.Add(attribute);
            return null;
        }

        return text;
    }

    public T? Read<T>(string attribute, Func<T?> read)
        where T : class
    {
        try
        {
            var value = read();
            if (value is null)
            {
                _missing.Add(attribute);
            }

            return value;
        }
        catch (Exception exception)
        {
            _failures.Add($"'{ClassName}' failed to provide {attribute}: {exception.GetType().Name}: {exception.Message}");
            return null;
        }
    }

    public List<string> Problems()
    {
        var problems = new List<string>();
        if (_missing.Count > 0)
        {
            problems.Add(ValidationText.MissingAttributes(ClassName, _missing));
        }

        problems.AddRange(_failures);
        return problems;
    }
}
