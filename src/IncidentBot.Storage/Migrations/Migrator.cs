using System.Data.Common;
using Dapper;

namespace IncidentBot.Storage.Migrations;

/// <summary>
/// Brings a database's schema up to date: applies the embedded migrations it has not seen, in
/// version order, each in its own transaction together with its row in <c>schema_migrations</c>.
/// Running it again changes nothing. Several processes may start at once: PostgreSQL serialises them
/// on an advisory lock, SQLite on its write lock, and each re-checks the journal under that lock, so
/// a migration is applied exactly once.
/// </summary>
internal sealed class Migrator(Database database)
{
    private const string CreateJournal = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer PRIMARY KEY,
            name       text    NOT NULL,
            applied_at bigint  NOT NULL
        )
        """;

    private const string IsApplied = "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version";

    private const string Journal = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)";

    /// <summary>Applies what is pending; returns the ids ("0001_incidents") this call applied.</summary>
    public async Task<IReadOnlyList<string>> ApplyPendingAsync(CancellationToken cancellationToken)
    {
        var migrations = Migration.LoadEmbedded(database.Dialect.MigrationFolder);
        await database.InTransactionAsync(async (connection, transaction) =>
        {
            await database.Dialect.LockForMigrationAsync(connection, transaction, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(CreateJournal, transaction: transaction, cancellationToken: cancellationToken));
            return 0;
        }, cancellationToken);

        var applied = new List<string>();
        foreach (var migration in migrations)
        {
            if (await database.InTransactionAsync((connection, transaction) => ApplyAsync(connection, transaction, migration, cancellationToken), cancellationToken))
            {
                applied.Add(migration.Id);
            }
        }
        return applied;
    }

    private async Task<bool> ApplyAsync(DbConnection connection, DbTransaction transaction, Migration migration, CancellationToken cancellationToken)
    {
        await database.Dialect.LockForMigrationAsync(connection, transaction, cancellationToken);
        var seen = await connection.ExecuteScalarAsync<long>(new CommandDefinition(IsApplied, new { migration.Version }, transaction, cancellationToken: cancellationToken));
        if (seen > 0)
        {
            return false;
        }
        // The script runs as is (several statements, no parameters): not through Dapper, which would look for @parameters in it.
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = migration.Sql;
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (DbException exception)
            {
                throw new InvalidOperationException($"Migration {database.Dialect.MigrationFolder}/{migration.Id}.sql failed and was rolled back: {exception.Message}", exception);
            }
        }
        await connection.ExecuteAsync(new CommandDefinition(
            Journal,
            new { migration.Version, migration.Name, AppliedAt = UnixMs.From(DateTimeOffset.UtcNow) },
            transaction,
            cancellationToken: cancellationToken));
        return true;
    }
}
