using System.Collections.Concurrent;

namespace MachineActors.Reliability.Load;

/// <summary>
/// Counts every label file a virtual printer puts in place under a spool root. The driver writes a temp file and
/// renames it to the label's final name, replacing a file of that name, so a label printed twice leaves one file
/// behind: only the renames tell. Each rename to a final name is one printed copy. The folders must exist before the
/// watch starts. An overflow of the watch is an error: then the count proves nothing.
/// </summary>
public sealed class SpoolWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly ConcurrentDictionary<string, int> _printed = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _errors = new();

    public SpoolWatcher(string root)
    {
        _watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName,
            InternalBufferSize = 64 * 1024,
        };
        _watcher.Renamed += (_, e) => Count(e.FullPath);
        // A label written under its final name at once (not through a rename) counts too.
        _watcher.Created += (_, e) => Count(e.FullPath);
        _watcher.Error += (_, e) => _errors.Enqueue(e.GetException().Message);
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>How many times each final label file (by full path) was put in place.</summary>
    public IReadOnlyDictionary<string, int> Printed => new Dictionary<string, int>(_printed, StringComparer.Ordinal);

    /// <summary>Errors of the watch (an overflow loses events).</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    public void Dispose() => _watcher.Dispose();

    private void Count(string path)
    {
        if (!Path.GetFileName(path).StartsWith('.'))
        {
            _printed.AddOrUpdate(path, 1, (_, n) => n + 1);
        }
    }
}
