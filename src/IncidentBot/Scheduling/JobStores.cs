using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using IncidentBot.Storage;
using Npgsql;

namespace IncidentBot.Scheduling;

/// <summary>
/// Hangfire's store for the configured database. PostgreSQL: schema <c>hangfire</c> in the bot's own
/// database, shared by the replicas. SQLite (one process): in memory; the synchroniser plans every
/// incident again at start from the incidents, the source of truth.
/// </summary>
public static class JobStores
{
    public const string PostgresSchema = "hangfire";

    // Any constant other than the migrator's: one replica installs Hangfire's schema at a time.
    private const long InstallLockKey = 0x1B07_4A6E_F1E1;

    /// <summary>Hangfire's store, and whether its jobs die with the process (then the record of what was scheduled is dropped at start).</summary>
    public static SchedulerStore Create(StorageProvider provider, string connectionString, SchedulingOptions settings) => provider == StorageProvider.Postgres
        ? new SchedulerStore(Postgres(connectionString, settings), IsVolatile: false)
        : new SchedulerStore(new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(1) }), IsVolatile: true);

    private static PostgreSqlStorage Postgres(string connectionString, SchedulingOptions settings)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = PostgresSchema,
            QueuePollInterval = settings.QueuePollInterval,
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = settings.InvisibilityTimeout,
            DistributedLockTimeout = settings.DistributedLockTimeout,
            // Installed below under a lock: two replicas starting together must not race for it.
            PrepareSchemaIfNecessary = false,
            // Never in the bot's transactions: its writes and Hangfire's are separate on purpose.
            EnableTransactionScopeEnlistment = false,
        };
        InstallSchema(connectionString);
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(HangfireConnectionString(connectionString, settings), options), options);
    }

    /// <summary>
    /// Hangfire's connections never enlist in a <c>TransactionScope</c>, and (unless
    /// <see cref="SchedulingOptions.SynchronousCommit"/>) commit without waiting for the WAL flush. What
    /// a database crash could take back is the last moment of Hangfire's bookkeeping: a job that comes
    /// back re-checks its incident (and the outbox refuses a second copy of its message); a job that
    /// goes missing is found by the repair pass and planned again. The bot's own writes stay durable.
    /// </summary>
    public static string HangfireConnectionString(string connectionString, SchedulingOptions settings)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Enlist = false };
        if (!settings.SynchronousCommit && string.IsNullOrEmpty(builder.Options))
        {
            builder.Options = "-c synchronous_commit=off";
        }
        return builder.ConnectionString;
    }

    private static void InstallSchema(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            command.Parameters.AddWithValue("key", InstallLockKey);
            command.ExecuteNonQuery();
        }
        try
        {
            PostgreSqlObjectsInstaller.Install(connection, PostgresSchema);
        }
        finally
        {
            using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", InstallLockKey);
            unlock.ExecuteNonQuery();
        }
    }
}

/// <summary>Hangfire's store for this process, and whether its jobs die with the process.</summary>
public sealed record SchedulerStore(JobStorage Storage, bool IsVolatile);
