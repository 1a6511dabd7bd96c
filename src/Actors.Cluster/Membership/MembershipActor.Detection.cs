namespace MachineActors.Actors.Cluster.Membership;

/// <summary>What a poll of the member table changes: events for what changed, and marking silent members Down.</summary>
public sealed partial class MembershipActor
{
    // Publishes what changed between the rows last seen and these, the full table.
    private void ApplyAll(IReadOnlyList<Member> rows)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            seen.Add(row.NodeName);
            Apply(row);
        }
        foreach (var vanished in _members.Values.Where(member => !seen.Contains(member.NodeName)).ToList())
        {
            Remove(vanished);
        }
    }

    private void Apply(Member row)
    {
        if (_members.TryGetValue(row.NodeName, out var known))
        {
            if (known.Incarnation != row.Incarnation)
            {
                // The node restarted: its old incarnation is gone even if nobody marked it down.
                Remove(known);
            }
            else if (row.Version < known.Version)
            {
                return;
            }
            else if (row.Status == MemberStatus.Down)
            {
                Remove(row);
                return;
            }
        }
        if (row.Status == MemberStatus.Down)
        {
            return;
        }
        _members[row.NodeName] = row;
        if (row.Status == MemberStatus.Up && _announcedUp.Add(row.NodeName))
        {
            _logger.MemberUp(row.NodeName, row.Incarnation, row.Address);
            Publish(new MemberUp(row));
        }
    }

    private void Remove(Member last)
    {
        _members.Remove(last.NodeName);
        _announcedUp.Remove(last.NodeName);
        _unreachable.Remove(last.NodeName);
        _logger.MemberRemoved(last.NodeName, last.Incarnation, last.Status);
        Publish(new MemberRemoved(last));
    }

    private async Task DetectAsync()
    {
        var others = _members.Values.Where(member => !string.Equals(member.NodeName, _node.Name, StringComparison.Ordinal)).ToList();
        _detector.Observe(others.Select(HeartbeatObservation.Of));
        var toDown = new List<Member>();
        foreach (var member in others)
        {
            var verdict = _detector.Check(member.NodeName);
            if (verdict == NodeReachability.Reachable)
            {
                if (_unreachable.Remove(member.NodeName))
                {
                    _logger.MemberReachable(member.NodeName, member.Incarnation);
                    Publish(new MemberReachable(member));
                }
                continue;
            }
            if (_unreachable.Add(member.NodeName))
            {
                _logger.MemberUnreachable(member.NodeName, member.Incarnation, _detector.SilenceOf(member.NodeName));
                Publish(new MemberUnreachable(member));
            }
            if (verdict == NodeReachability.ShouldBeDowned)
            {
                toDown.Add(member);
            }
        }
        foreach (var member in toDown)
        {
            try
            {
                using var timeout = DatabaseTimeout();
                var down = await _store.SetStatusAsync(member, MemberStatus.Down, timeout.Token);
                _logger.MarkedDown(member.NodeName, member.Incarnation, _detector.SilenceOf(member.NodeName));
                Apply(down);
            }
            catch (MembershipConflictException conflict)
            {
                _logger.LostDowningRace(member.NodeName, conflict.Message);
            }
            catch (Exception error)
            {
                _logger.DowningFailed(member.NodeName, error);
            }
        }
    }

    private void OnSelfDowned(Member last, string reason)
    {
        _phase = Phase.Downed;
        Timers.CancelAll();
        _self = last;
        _logger.SelfDowned(_node.Name, last.Incarnation, reason);
        if (_members.TryGetValue(_node.Name, out var tracked) && tracked.Incarnation == last.Incarnation)
        {
            Remove(last);
        }
        Publish(new SelfDowned(last));
        ReplyToLeaveRequesters();
    }
}
