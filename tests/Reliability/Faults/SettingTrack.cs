namespace MachineActors.Reliability.Faults;

/// <summary>One writer's changes of one machine setting: the last acknowledged value and the values sent since.</summary>
public sealed class SettingTrack
{
    private readonly Lock _gate = new();
    private readonly List<string> _sentSince = [];
    private string? _acknowledged;
    private int _count;

    public string? LastAcknowledged
    {
        get
        {
            lock (_gate)
            {
                return _acknowledged;
            }
        }
    }

    public int Acknowledged
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public void Sent(string value)
    {
        lock (_gate)
        {
            _sentSince.Add(value);
        }
    }

    public void Acknowledge(string value)
    {
        lock (_gate)
        {
            _acknowledged = value;
            _sentSince.Clear();
            _count++;
        }
    }

    /// <summary>Whether the machine may show <paramref name="value"/>: the last acknowledged one, or one sent after it.</summary>
    public bool Allows(string? value)
    {
        lock (_gate)
        {
            return value == _acknowledged || (value is not null && _sentSince.Contains(value));
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return $"acknowledged '{_acknowledged}', sent since: [{string.Join(", ", _sentSince)}]";
        }
    }
}
