using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Dialects;

/// <summary>
/// One in-process write gate per SQLite file, shared by every store in this process that writes to it.
/// SQLite has one writer at a time; when two connections collide, the loser either sleeps in SQLite's
/// busy handler (backing off to 100 ms sleeps) or, with no busy handler, gets SQLITE_BUSY and
/// Microsoft.Data.Sqlite blocks its thread for 150 ms before retrying. Queueing at the gate instead,
/// asynchronously and in order, costs nothing but the wait for the writer ahead. Other processes on
/// the same file are still handled by busy_timeout.
/// </summary>
public static class SqliteWriteGates
{
    /// <summary>How long a writer waits at the gate before giving up with an error (a stuck writer, not load).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>The gate of the file <paramref name="connectionString"/> names (an in-memory database has its own by name).</summary>
    public static SemaphoreSlim For(string connectionString) => Gates.GetOrAdd(KeyOf(connectionString), _ => new SemaphoreSlim(1, 1));

    private static string KeyOf(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        return builder.Mode == SqliteOpenMode.Memory || source is "" or ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? "memory:" + source
            : Path.GetFullPath(source);
    }

    public static async Task WaitAsync(SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        if (!await gate.WaitAsync(Timeout, cancellationToken))
        {
            throw new TimeoutException($"Waited {Timeout.TotalSeconds:0} s for the SQLite write gate; a writer in this process is stuck.");
        }
    }
}
