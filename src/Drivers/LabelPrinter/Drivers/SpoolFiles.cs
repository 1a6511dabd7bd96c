namespace MachineActors.Drivers.LabelPrinter.Drivers;

/// <summary>Writes spool files so that a file under its final name is always complete.</summary>
internal static class SpoolFiles
{
    /// <summary>
    /// Writes <paramref name="content"/> to a hidden temp file in <paramref name="directory"/>, flushes it to disk, then
    /// renames it to <paramref name="fileName"/> (replacing an older file of that name, so a retried job rewrites the
    /// same files). The temp file is deleted when anything fails or is cancelled.
    /// </summary>
    public static async Task<string> WriteAtomicallyAsync(string directory, string fileName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var target = Path.Combine(directory, fileName);
        var temp = Path.Combine(directory, $".{fileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
            return target;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
