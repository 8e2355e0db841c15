using System.Data;
using System.Data.Common;
using Npgsql;

namespace IncidentBot.Storage.Dialects;

/// <summary>
/// PostgreSQL at READ COMMITTED: writers to one incident queue on its row lock
/// (<c>SELECT ... FOR UPDATE</c>), outbox claimers skip each other's rows (<c>SKIP LOCKED</c>), and
/// migrations from several processes wait on a transaction-scoped advisory lock.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    /// <summary>Arbitrary but fixed: every IncidentBot process migrating the same database takes this advisory lock.</summary>
    public const long MigrationLockKey = 0x1AC1_DE47_B07_5C4E;

    public override StorageProvider Provider => StorageProvider.Postgres;

    public override string MigrationFolder => "Postgres";

    public override string ForUpdate => "FOR UPDATE";

    public override string ForUpdateSkipLocked => "FOR UPDATE SKIP LOCKED";

    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    public override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT pg_advisory_xact_lock(@key)";
        var key = command.CreateParameter();
        key.ParameterName = "key";
        key.Value = MigrationLockKey;
        command.Parameters.Add(key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>40001 serialization_failure, 40P01 deadlock_detected.</summary>
    public override bool IsTransient(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected })
            {
                return true;
            }
        }
        return false;
    }
}
