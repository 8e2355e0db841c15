using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Dialects;

/// <summary>
/// One in-process write gate per SQLite file, shared by everything in this process that writes to it:
/// the stores and Quartz's job store. SQLite has one writer at a time; when two connections collide,
/// the loser either sleeps in SQLite's busy handler (backing off to 100 ms sleeps) or, with no busy
/// handler, gets SQLITE_BUSY and Microsoft.Data.Sqlite blocks its thread for 150 ms before retrying.
/// Quartz opens a write transaction for every operation on SQLite, so without a shared gate it and
/// the request path collide all the time. Queueing at the gate instead, asynchronously and in order,
/// costs nothing but the wait for the writer ahead. Other processes on the same file are still
/// handled by busy_timeout.
/// </summary>
public static class SqliteWriteGates
{
    /// <summary>How long a writer waits at the gate before giving up with an error (a stuck writer, not load).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>The gate of the file <paramref name="connectionString"/> names (an in-memory database has its own by name).</summary>
    public static SemaphoreSlim For(string connectionString) => Gates.GetOrAdd(KeyOf(connectionString), _ => new SemaphoreSlim(1, 1));

    /// <summary>
    /// An ADO.NET factory for Quartz whose connections set the stores' pragmas when opened and pass the file's
    /// gate before they begin a transaction (held until the connection closes).
    /// </summary>
    public static DbProviderFactory FactoryFor(string connectionString) => new GatedSqliteFactory(For(connectionString));

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

    private sealed class GatedSqliteFactory(SemaphoreSlim gate) : DbProviderFactory
    {
        public override DbConnection CreateConnection() => new GatedSqliteConnection(gate);

        public override DbCommand CreateCommand() => SqliteFactory.Instance.CreateCommand();

        public override DbParameter CreateParameter() => SqliteFactory.Instance.CreateParameter();

        public override DbConnectionStringBuilder CreateConnectionStringBuilder() => SqliteFactory.Instance.CreateConnectionStringBuilder();
    }

    private sealed class GatedSqliteConnection(SemaphoreSlim gate) : SqliteConnection
    {
        private int _holding;

        public override void Open()
        {
            base.Open();
            using var command = CreateCommand();
            command.CommandText = SqliteDataSource.ConnectionPragmas;
            command.ExecuteNonQuery();
        }

        public override Task OpenAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Open();
            return Task.CompletedTask;
        }

        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
        {
            if (!gate.Wait(Timeout))
            {
                throw new TimeoutException($"Waited {Timeout.TotalSeconds:0} s for the SQLite write gate; a writer in this process is stuck.");
            }
            return Hold(isolationLevel);
        }

        protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken)
        {
            await WaitAsync(gate, cancellationToken);
            return Hold(isolationLevel);
        }

        public override void Close()
        {
            try
            {
                base.Close();
            }
            finally
            {
                Release();
            }
        }

        protected override void Dispose(bool disposing)
        {
            try
            {
                base.Dispose(disposing);
            }
            finally
            {
                Release();
            }
        }

        private DbTransaction Hold(IsolationLevel isolationLevel)
        {
            Interlocked.Exchange(ref _holding, 1);
            try
            {
                return base.BeginDbTransaction(isolationLevel);
            }
            catch
            {
                Release();
                throw;
            }
        }

        private void Release()
        {
            if (Interlocked.Exchange(ref _holding, 0) == 1)
            {
                gate.Release();
            }
        }
    }
}
