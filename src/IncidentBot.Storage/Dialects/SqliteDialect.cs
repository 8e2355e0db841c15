using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Dialects;

/// <summary>
/// SQLite has one writer at a time: every write transaction starts with <c>BEGIN IMMEDIATE</c>, which
/// takes the database's write lock up front (waiting up to busy_timeout), so two transactions never
/// both read an incident and then both try to write it. Row locks are therefore unnecessary.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public override StorageProvider Provider => StorageProvider.Sqlite;

    public override string MigrationFolder => "Sqlite";

    public override string ForUpdate => "";

    public override string ForUpdateSkipLocked => "";

    /// <summary>Explicitly not deferred: a deferred transaction that reads and then writes can fail with SQLITE_BUSY at once, without waiting.</summary>
    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false));
    }

    /// <summary>Nothing to do: <c>BEGIN IMMEDIATE</c> already made this the only writer.</summary>
    public override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>SQLITE_BUSY / SQLITE_LOCKED that outlasted busy_timeout.</summary>
    public override bool IsTransient(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked })
            {
                return true;
            }
        }
        return false;
    }
}
