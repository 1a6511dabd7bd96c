using System.Collections.Concurrent;

namespace MachineActors.Reliability.Faults;

/// <summary>
/// Counts how often each label file of a virtual printer's spool folder was written. The driver writes a temp file and
/// renames it over the final name, so a label printed twice leaves one file but two renames: this watcher (inotify)
/// sees both. <see cref="Overflowed"/> says the kernel dropped events, which would make the counts unreliable.
/// </summary>
public sealed class SpoolWatch : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly ConcurrentDictionary<string, int> _writes = new(StringComparer.Ordinal);
    private int _overflows;

    public SpoolWatch(string folder)
    {
        Directory.CreateDirectory(folder);
        Folder = folder;
        _watcher = new FileSystemWatcher(folder)
        {
            InternalBufferSize = 64 * 1024,
            NotifyFilter = NotifyFilters.FileName,
            IncludeSubdirectories = false,
        };
        _watcher.Renamed += (_, e) => Count(e.Name);
        _watcher.Created += (_, e) => Count(e.Name);
        _watcher.Error += (_, _) => Interlocked.Increment(ref _overflows);
        _watcher.EnableRaisingEvents = true;
    }

    public string Folder { get; }

    public bool Overflowed => Volatile.Read(ref _overflows) > 0;

    /// <summary>How often each final file name was written (temp files, which start with '.', are not counted).</summary>
    public IReadOnlyDictionary<string, int> Writes => _writes;

    /// <summary>The label files of <paramref name="jobId"/> on disk now.</summary>
    public IReadOnlyList<string> FilesOf(string jobId) =>
        [.. Directory.GetFiles(Folder, $"{jobId}_*").Select(Path.GetFileName).Where(n => n is not null && !n.StartsWith('.')).Select(n => n!)];

    /// <summary>The job ids of every label file on disk now.</summary>
    public IReadOnlySet<string> JobIdsOnDisk() =>
        Directory.GetFiles(Folder).Select(Path.GetFileName).Where(n => n is not null && !n.StartsWith('.') && n.Length > 36)
            .Select(n => n![..36]).ToHashSet(StringComparer.Ordinal);

    public void Dispose() => _watcher.Dispose();

    private void Count(string? name)
    {
        if (name is not null && !name.StartsWith('.'))
        {
            _writes.AddOrUpdate(name, 1, (_, n) => n + 1);
        }
    }
}
