using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>Two bot processes on one PostgreSQL database: a watch's query runs once per period, not once per replica.</summary>
[Collection(HostCollection.Postgres)]
public sealed class WatchClusterTests() : OwnHostsTestBase(StorageProvider.Postgres)
{
    [Fact]
    public async Task TwoReplicas_RunEachCheckOncePerPeriod()
    {
        await using var warehouse = await Warehouse.CreateAsync();
        var every = TimeSpan.FromSeconds(1);
        var settings = warehouse.Watch(Settings().FastScheduling(), "probe", TimeSpan.FromHours(1), every, Warehouse.ProbeQuery);
        var replicas = await Task.WhenAll(StartProcessAsync(settings), StartProcessAsync(settings));

        // Both replicas up, then ten periods.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var from = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(10));
        var to = DateTimeOffset.UtcNow;

        var probes = (await warehouse.ProbesAsync()).Where(p => p >= from && p < to).ToList();
        var gaps = probes.Zip(probes.Skip(1), (a, b) => b - a).ToList();
        var shown = string.Join(", ", probes.Select(p => p.ToString("HH:mm:ss.fff")));
        Assert.True(probes.Count is >= 7 and <= 11, $"Ten periods of 1 s should make about ten queries, not twenty; there were {probes.Count}: {shown}");
        // Both replicas running one occurrence would query within milliseconds of each other.
        Assert.True(gaps.All(g => g > TimeSpan.FromMilliseconds(150)), $"No period should be queried twice: {shown}");
        Assert.All(replicas, r => Assert.False(r.HasExited, r.Output));
    }
}
