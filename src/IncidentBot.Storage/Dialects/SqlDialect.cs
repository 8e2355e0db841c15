using System.Data.Common;

namespace IncidentBot.Storage.Dialects;

/// <summary>
/// What differs between PostgreSQL and SQLite. The stores hold one set of SQL; the few places where
/// the databases differ (row locks, claiming, transaction start, which errors are worth a retry,
/// serialising migrations) ask the dialect.
/// </summary>
internal abstract class SqlDialect
{
    public abstract StorageProvider Provider { get; }

    /// <summary>Folder under Migrations/ holding this database's numbered scripts.</summary>
    public abstract string MigrationFolder { get; }

    /// <summary>Appended to a SELECT that loads a row the transaction will write ("" where the transaction already excludes other writers).</summary>
    public abstract string ForUpdate { get; }

    /// <summary>Appended to the SELECT choosing outbox rows to claim, so concurrent claimers pass over each other's rows.</summary>
    public abstract string ForUpdateSkipLocked { get; }

    /// <summary>Starts a write transaction.</summary>
    public abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Inside a migration transaction: waits until no other process is migrating this database.</summary>
    public abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>True when the database gave up on the transaction for a reason that running it again can fix (deadlock, serialisation failure, busy file).</summary>
    public abstract bool IsTransient(Exception exception);
}
