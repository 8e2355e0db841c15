using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Dialects;

/// <summary>
/// The SQLite counterpart of <c>NpgsqlDataSource</c>: hands out connections configured the way the
/// stores rely on. Foreign keys come from the connection string; every opened connection gets
/// busy_timeout; the first one switches the file to WAL (persistent in the file), so readers never
/// wait for the writer.
/// </summary>
internal sealed class SqliteDataSource(string connectionString) : DbDataSource
{
    public const int BusyTimeoutMilliseconds = 30_000;

    /// <summary>
    /// Set on every connection: how long to wait for another process's write lock, and reads through
    /// a memory map of up to 256 MiB (no copy of each page into each connection's own cache; pages
    /// are shared with the OS cache), with a 16 MiB page cache per connection for what is not mapped.
    /// </summary>
    public static readonly string ConnectionPragmas =
        $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA mmap_size = 268435456; PRAGMA cache_size = -16384;";

    private volatile bool _walEnabled;

    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection() => new SqliteConnection(connectionString);

    protected override DbConnection OpenDbConnection()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            Configure(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            Configure(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Pooled connections keep the file (and its -wal/-shm) open; release them with the source.
            SqliteConnection.ClearPool(new SqliteConnection(connectionString));
        }
        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore()
    {
        SqliteConnection.ClearPool(new SqliteConnection(connectionString));
        return base.DisposeAsyncCore();
    }

    private void Configure(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas;
        command.ExecuteNonQuery();
        if (_walEnabled)
        {
            return;
        }
        // In-memory databases answer "memory" and stay that way; that is fine.
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteScalar();
        _walEnabled = true;
    }
}
