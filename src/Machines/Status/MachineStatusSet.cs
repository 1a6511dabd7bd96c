using System.Collections;

namespace MachineActors.Machines;

/// <summary>
/// The ordered statuses a machine type declares. Lookups by code and by name (case-insensitive) return the first
/// match; duplicates, bad codes and bad names never throw here but are reported by <see cref="Validate"/>.
/// </summary>
public sealed class MachineStatusSet : IReadOnlyList<MachineStatus>
{
    private readonly MachineStatus?[] _declared;
    private readonly MachineStatus[] _statuses;
    private readonly Dictionary<int, MachineStatus> _byCode = [];
    private readonly Dictionary<string, MachineStatus> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a set in declaration order.</summary>
    public MachineStatusSet(params MachineStatus[] statuses)
        : this((IEnumerable<MachineStatus>)statuses)
    {
    }

    /// <summary>Creates a set in enumeration order.</summary>
    public MachineStatusSet(IEnumerable<MachineStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        // Null entries are kept for Validate: they come from static fields read before they were initialised.
        _declared = statuses.Cast<MachineStatus?>().ToArray();
        _statuses = _declared.OfType<MachineStatus>().ToArray();
        foreach (var status in _statuses)
        {
            _byCode.TryAdd(status.Code, status);
            if (status.Name is not null)
            {
                _byName.TryAdd(status.Name, status);
            }
        }
    }

    /// <inheritdoc />
    public int Count => _statuses.Length;

    /// <inheritdoc />
    public MachineStatus this[int index] => _statuses[index];

    /// <summary>The status with <paramref name="code"/>, or null.</summary>
    public MachineStatus? Find(int code) => _byCode.GetValueOrDefault(code);

    /// <summary>The status named <paramref name="name"/> (case-insensitive), or null.</summary>
    public MachineStatus? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.GetValueOrDefault(name);
    }

    /// <summary>Whether this exact status (code, name, label and colour) is in the set.</summary>
    public bool Contains(MachineStatus? status) => status is not null && _statuses.Contains(status);

    /// <summary>Everything wrong with the set; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (_declared.Length == 0)
        {
            problems.Add("the status set is empty");
        }

        for (var i = 0; i < _declared.Length; i++)
        {
            if (_declared[i] is null)
            {
                problems.Add($"the status at position {i + 1} is null (a static field read before it was initialised?)");
            }
        }

        foreach (var status in _statuses)
        {
            problems.AddRange(ValidateOne(status));
        }

        foreach (var group in _statuses.GroupBy(s => s.Code).Where(g => g.Count() > 1))
        {
            problems.Add($"status code {group.Key} is used by {string.Join(" and ", group.Select(s => s.Name))}");
        }

        var named = _statuses.Where(s => !string.IsNullOrEmpty(s.Name));
        foreach (var group in named.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"status name {group.Key} is used by codes {string.Join(" and ", group.Select(s => s.Code))}");
        }

        return problems;
    }

    /// <inheritdoc />
    public IEnumerator<MachineStatus> GetEnumerator() => ((IEnumerable<MachineStatus>)_statuses).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static IEnumerable<string> ValidateOne(MachineStatus status)
    {
        if (status.Name is null || !Patterns.UpperCaseKey().IsMatch(status.Name))
        {
            yield return $"status name '{status.Name}' (code {status.Code}) must match {Patterns.UpperCaseKeyText}";
        }

        if (!StatusRanges.IsValidCode(status.Code))
        {
            yield return $"status {status.Name} has code {status.Code}, outside {StatusRanges.MinCode}-{StatusRanges.MaxCode}";
        }

        if (string.IsNullOrWhiteSpace(status.Label))
        {
            yield return $"status {status} has no label";
        }

        if (!Enum.IsDefined(status.Colour))
        {
            yield return $"status {status} has an unknown colour {(int)status.Colour}";
        }
    }
}
