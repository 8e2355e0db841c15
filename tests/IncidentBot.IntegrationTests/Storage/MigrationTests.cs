using Dapper;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Storage;

public abstract class MigrationTests(StorageProvider provider) : StorageTestBase(provider)
{
    protected override bool MigrateFirst => false;

    [Fact]
    public async Task Migrate_OnAnEmptyDatabase_AppliesEveryMigrationInOrderAndJournalsIt()
    {
        var applied = await Storage.MigrateAsync();

        Assert.NotEmpty(applied);
        Assert.Equal("0001_incidents", applied[0]);
        Assert.Equal(applied.Order(StringComparer.Ordinal), applied);
        Assert.Equal(applied, await JournalAsync());
        Assert.True(await Incidents.PingAsync());
    }

    [Fact]
    public async Task Migrate_RunTwice_SecondRunAppliesNothingAndKeepsTheData()
    {
        await Storage.MigrateAsync();
        var incident = await DeclareAsync();

        var second = await Storage.MigrateAsync();

        Assert.Empty(second);
        Assert.Equal(await JournalAsync(), (await JournalAsync()).Distinct());
        Assert.NotNull(await Incidents.FindAsync(incident.Number));
    }

    [Fact]
    public async Task Migrate_FromThreeProcessesAtOnce_AppliesEachMigrationExactlyOnce()
    {
        var processes = Enumerable.Range(0, 3).Select(_ => Database.Open()).ToList();

        var results = await Task.WhenAll(processes.Select(p => Task.Run(() => p.MigrateAsync())));

        var journal = await JournalAsync();
        Assert.Equal(journal, results.SelectMany(r => r).Order(StringComparer.Ordinal));
        Assert.Equal(journal.Count, journal.Distinct().Count());
    }

    private async Task<List<string>> JournalAsync()
    {
        await using var connection = await Storage.DataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<JournalRow>("SELECT version, name FROM schema_migrations ORDER BY version");
        return rows.Select(r => $"{r.Version:D4}_{r.Name}").ToList();
    }

    private sealed class JournalRow
    {
        public int Version { get; set; }
        public string Name { get; set; } = "";
    }
}

public sealed class MigrationTestsOnSqlite() : MigrationTests(StorageProvider.Sqlite);

public sealed class MigrationTestsOnPostgres() : MigrationTests(StorageProvider.Postgres);
