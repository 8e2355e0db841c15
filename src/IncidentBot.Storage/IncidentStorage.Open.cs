using Dapper;
using IncidentBot.Storage.Dialects;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IncidentBot.Storage;

/// <summary>Opening the storage: <c>IncidentStorage.Create(provider, connectionString)</c>, then <c>MigrateAsync</c>.</summary>
public sealed partial class IncidentStorage
{
    public const string DefaultSqliteConnectionString = "Data Source=data/incidentbot.db";

    static IncidentStorage()
    {
        // Columns are snake_case (declared_by), properties PascalCase (DeclaredBy).
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    /// <summary>
    /// Opens (lazily: nothing connects until first use) the database. For SQLite an empty connection
    /// string means <see cref="DefaultSqliteConnectionString"/>, and the file's directory is created.
    /// Incidents that cannot be read are reported to <paramref name="unreadable"/>.
    /// </summary>
    public static IncidentStorage Create(StorageProvider provider, string connectionString, UnreadableRows? unreadable = null) => provider switch
    {
        StorageProvider.Sqlite => CreateSqlite(string.IsNullOrWhiteSpace(connectionString) ? DefaultSqliteConnectionString : connectionString, unreadable ?? new()),
        StorageProvider.Postgres => CreatePostgres(connectionString, unreadable ?? new()),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Storage provider must be Sqlite or Postgres."),
    };

    private static IncidentStorage CreatePostgres(string connectionString, UnreadableRows unreadable)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("PostgreSQL needs a connection string, e.g. \"Host=db;Username=incidentbot;Password=...;Database=incidentbot\".", nameof(connectionString));
        }
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"The PostgreSQL connection string is not valid: {exception.Message}", nameof(connectionString), exception);
        }
        var display = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Password = null };
        // Unless the connection string says otherwise: statements the bot repeats are prepared once per
        // connection, and a connection going back to the pool is not reset (two round trips each time);
        // the bot never changes session state, so there is nothing to reset.
        if (!Mentions(connectionString, "Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }
        if (!Mentions(connectionString, "Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        var database = new Database(NpgsqlDataSource.Create(builder), new PostgresDialect());
        return new IncidentStorage(StorageProvider.Postgres, database, display.ConnectionString, unreadable);
    }

    private static bool Mentions(string connectionString, params string[] keys) =>
        keys.Any(k => connectionString.Contains(k, StringComparison.OrdinalIgnoreCase));

    private static IncidentStorage CreateSqlite(string connectionString, UnreadableRows unreadable)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"The SQLite connection string is not valid: {exception.Message}", nameof(connectionString), exception);
        }
        // Incidents reference each other's rows (timeline, outbox); SQLite checks that only when asked.
        builder.ForeignKeys = true;
        EnsureDirectory(builder);
        var display = new SqliteConnectionStringBuilder(builder.ConnectionString);
        display.Remove("Password");
        var database = new Database(new SqliteDataSource(builder.ConnectionString), new SqliteDialect(), SqliteWriteGates.For(builder.ConnectionString));
        return new IncidentStorage(StorageProvider.Sqlite, database, display.ConnectionString, unreadable);
    }

    private static void EnsureDirectory(SqliteConnectionStringBuilder builder)
    {
        var path = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(path) || path == ":memory:" || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
