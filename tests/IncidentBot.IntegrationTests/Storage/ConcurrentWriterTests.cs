using IncidentBot.Domain;
using IncidentBot.Domain.Ports;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>Several requests changing one incident at once: the database must queue them, not lose any.</summary>
public abstract class ConcurrentWriterTests(StorageProvider provider) : StorageTestBase(provider)
{
    [Fact]
    public async Task TwentyConcurrentUpdatesToOneIncident_AllLand_WithoutALostUpdate()
    {
        var incident = await DeclareAsync();
        var number = incident.Number;

        await Task.WhenAll(Enumerable.Range(1, 20).Select(k => Task.Run(() => Incidents.ExecuteAsync(async uow =>
        {
            var loaded = (await uow.LoadForUpdateAsync(number))!;
            loaded.PostUpdate($"update {k}", $"U{k}", T0.AddSeconds(k));
            await uow.SaveAsync(loaded);
            return loaded.Version;
        }))));

        var stored = (await Incidents.FindAsync(number))!;
        Assert.Equal(20, stored.Version);
        var updates = (await Incidents.GetTimelineAsync(number)).Where(e => e.Kind == TimelineKind.Update).Select(e => e.Text).ToList();
        Assert.Equal(Enumerable.Range(1, 20).Select(k => $"update {k}").Order(), updates.Order());
    }

    [Fact]
    public async Task TwoProcessesWritingTheSameIncident_AreSerialisedByTheDatabase()
    {
        // Two handles are two connection pools, as two bot instances would have.
        var other = Database.Open();
        var incident = await DeclareAsync();
        var number = incident.Number;

        async Task UpdateAsync(IIncidentStore store, string user)
        {
            for (var i = 0; i < 5; i++)
            {
                await store.ExecuteAsync(async uow =>
                {
                    var loaded = (await uow.LoadForUpdateAsync(number))!;
                    loaded.PostUpdate($"{user} #{i}", user, T0.AddMinutes(i));
                    await uow.SaveAsync(loaded);
                    return 0;
                });
            }
        }

        await Task.WhenAll(Task.Run(() => UpdateAsync(Incidents, "U1")), Task.Run(() => UpdateAsync(other.Incidents, "U2")));

        Assert.Equal(10, (await Incidents.FindAsync(number))!.Version);
        Assert.Equal(10, (await Incidents.GetTimelineAsync(number)).Count(e => e.Kind == TimelineKind.Update));
    }
}

public sealed class ConcurrentWriterTestsOnSqlite() : ConcurrentWriterTests(StorageProvider.Sqlite);

public sealed class ConcurrentWriterTestsOnPostgres() : ConcurrentWriterTests(StorageProvider.Postgres);
