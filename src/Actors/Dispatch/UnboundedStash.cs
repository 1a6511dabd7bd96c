namespace MachineActors.Actors.Dispatch;

internal sealed class UnboundedStash(ActorCell cell) : IStash
{
    private readonly List<PendingMessage> _stashed = [];
    private object? _lastStashed;

    public int Count => _stashed.Count;

    public void Stash()
    {
        var message = cell.CurrentMessage ?? throw new InvalidOperationException("There is no message to stash.");
        if (ReferenceEquals(message, _lastStashed) && _stashed.Count > 0 && ReferenceEquals(_stashed[^1].Message, message))
        {
            throw new InvalidOperationException($"Cannot stash the same message twice: {message}.");
        }
        _lastStashed = message;
        _stashed.Add(new PendingMessage(message, cell.Sender));
    }

    public void Unstash()
    {
        if (_stashed.Count == 0)
        {
            return;
        }
        var first = _stashed[0];
        _stashed.RemoveAt(0);
        cell.Prepend([first]);
    }

    public void UnstashAll()
    {
        _lastStashed = null;
        cell.Prepend(_stashed);
        _stashed.Clear();
    }

    public void UnstashAll(Func<object, bool> predicate)
    {
        var selected = _stashed.FindAll(p => predicate(p.Message));
        _stashed.RemoveAll(p => predicate(p.Message));
        _lastStashed = null;
        cell.Prepend(selected);
    }

    public IReadOnlyList<PendingMessage> ClearStash()
    {
        var cleared = _stashed.ToArray();
        _stashed.Clear();
        _lastStashed = null;
        return cleared;
    }
}
