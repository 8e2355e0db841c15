using Dapper;
using IncidentBot.Domain;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>The store maps <see cref="IncidentSnapshot"/> by convention: every property is a snake_case column, and nothing else is.</summary>
public abstract class IncidentFieldMappingTests(StorageProvider provider) : StorageTestBase(provider)
{
    [Fact]
    public async Task EveryFieldOfTheRecord_WithANonDefaultValue_SurvivesInsertAndFind()
    {
        var written = EveryFieldSnapshot.Create();
        var incident = Incident.FromSnapshot(written);

        await Incidents.ExecuteAsync(async uow =>
        {
            await uow.InsertAsync(incident);
            return 0;
        });

        var read = (await Incidents.FindAsync(incident.Number))?.ToSnapshot();
        Assert.NotNull(read);
        var lost = EveryFieldSnapshot.Differences(written with { Number = incident.Number }, read);
        Assert.True(lost.Count == 0, "These fields did not survive an insert: " + string.Join("; ", lost));
    }

    [Fact]
    public async Task EveryFieldOfTheRecord_WithANonDefaultValue_SurvivesSaveAndLoadForUpdate()
    {
        var declared = await DeclareAsync();
        var written = EveryFieldSnapshot.Create() with { Number = declared.Number, Version = declared.Version };

        await Incidents.ExecuteAsync(async uow =>
        {
            await uow.SaveAsync(Incident.FromSnapshot(written));
            return 0;
        });

        var read = (await Incidents.ExecuteAsync(uow => uow.LoadForUpdateAsync(declared.Number)))?.ToSnapshot();
        Assert.NotNull(read);
        // A save bumps the version and never writes the channel (delivery metadata).
        var lost = EveryFieldSnapshot.Differences(written with { Version = declared.Version + 1, Channel = declared.Channel }, read);
        Assert.True(lost.Count == 0, "These fields did not survive a save: " + string.Join("; ", lost));
    }

    [Fact]
    public async Task EveryColumnOfTheIncidentsTable_IsAFieldOfTheRecord_ExceptTheTitleKey()
    {
        await using var connection = await Storage.DataSource.OpenConnectionAsync();
        var columns = await connection.QueryAsync<string>(Provider == StorageProvider.Postgres
            ? "SELECT column_name FROM information_schema.columns WHERE table_name = 'incidents' AND table_schema = current_schema()"
            : "SELECT name FROM pragma_table_info('incidents')");

        var fields = typeof(IncidentSnapshot).GetProperties().Select(p => SnakeCase(p.Name)).Append("title_key");
        Assert.Equal(fields.Order(StringComparer.Ordinal), columns.Order(StringComparer.Ordinal));
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

public sealed class IncidentFieldMappingTestsOnSqlite() : IncidentFieldMappingTests(StorageProvider.Sqlite);

public sealed class IncidentFieldMappingTestsOnPostgres() : IncidentFieldMappingTests(StorageProvider.Postgres);
