using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>What <see cref="IncidentStorage.Create"/> sets up that differs per database.</summary>
public sealed class SqliteSetupTests() : StorageTestBase(StorageProvider.Sqlite)
{
    [Fact]
    public async Task Create_MakesTheDatabaseFilesDirectory_AndUsesWalWithForeignKeys()
    {
        var path = Database.ConnectionString["Data Source=".Length..];

        Assert.True(File.Exists(path));
        Assert.Equal("wal", await ScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1L, await ScalarAsync<long>("PRAGMA foreign_keys"));
        Assert.Equal(30_000L, await ScalarAsync<long>("PRAGMA busy_timeout"));
    }

    [Fact]
    public async Task Create_WithoutAConnectionString_UsesDataIncidentbotDb()
    {
        await using var handle = IncidentStorage.Create(StorageProvider.Sqlite, "");

        Assert.StartsWith("Data Source=data/incidentbot.db;", handle.ConnectionStringForDisplay, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_ForAnIncidentThatDoesNotExist_IsRefusedByTheForeignKey()
    {
        var error = await Record.ExceptionAsync(() => ScalarAsync<long>("INSERT INTO timeline (incident_number, at, actor, kind, text) VALUES (42, 0, 'U1', 'Note', 'x')"));

        Assert.IsType<Microsoft.Data.Sqlite.SqliteException>(error);
    }
}

public sealed class PostgresSetupTests() : StorageTestBase(StorageProvider.Postgres)
{
    [Fact]
    public void ConnectionStringForDisplay_LeavesOutThePassword()
    {
        Assert.DoesNotContain("Password", Storage.ConnectionStringForDisplay, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("incidentbot_test_", Storage.ConnectionStringForDisplay, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithoutAConnectionString_ExplainsWhatIsMissing()
    {
        var error = Assert.Throws<ArgumentException>(() => IncidentStorage.Create(StorageProvider.Postgres, ""));

        Assert.Contains("PostgreSQL needs a connection string", error.Message, StringComparison.Ordinal);
    }
}
