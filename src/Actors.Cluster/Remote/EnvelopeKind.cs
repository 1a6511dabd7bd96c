namespace MachineActors.Actors.Cluster.Remote;

/// <summary>What an envelope on the wire carries.</summary>
internal enum EnvelopeKind : byte
{
    /// <summary>A user message: recipient, sender, manifest and payload.</summary>
    User = 1,

    /// <summary>The sender (a watcher on the sending node) watches the recipient.</summary>
    Watch = 2,

    Unwatch = 3,

    /// <summary>The sender path (as the watcher knew it) has terminated; the recipient is the watcher.</summary>
    Terminated = 4,
}
