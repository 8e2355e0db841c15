using IncidentBot.Domain.Ports;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>The per-channel token bucket: a burst, then the pace; a 429's pause; channels apart.</summary>
public abstract class ChannelPacingStoreTests(StorageProvider provider) : StorageTestBase(provider)
{
    private IChannelPacing Pacing => Storage.Pacing;

    [Fact]
    public async Task AQuietChannel_AllowsTheBurst_ThenOnePostPerToken()
    {
        var burst = await Pacing.TakeAsync("C1", 8, T0, perSecond: 1, burst: 5);
        var halfASecondLater = await Pacing.TakeAsync("C1", 3, T0.AddMilliseconds(500), 1, 5);
        var aSecondLater = await Pacing.TakeAsync("C1", 3, T0.AddSeconds(1), 1, 5);
        var otherChannel = await Pacing.TakeAsync("C2", 1, T0.AddSeconds(1), 1, 5);

        Assert.Equal(5, burst.Granted);
        Assert.Equal(0, halfASecondLater.Granted);
        Assert.Equal(0.5, halfASecondLater.Tokens, 3);
        Assert.Equal(1, aSecondLater.Granted);
        Assert.Equal(1, otherChannel.Granted);
    }

    [Fact]
    public async Task APause_HoldsEveryPostBackUntilItEnds_AndAShorterOneDoesNotCutItShort()
    {
        await Pacing.PauseAsync("C1", T0.AddSeconds(30));
        await Pacing.PauseAsync("C1", T0.AddSeconds(5));

        var during = await Pacing.TakeAsync("C1", 1, T0.AddSeconds(10), 1, 5);
        var after = await Pacing.TakeAsync("C1", 1, T0.AddSeconds(31), 1, 5);

        Assert.Equal(0, during.Granted);
        Assert.Equal(T0.AddSeconds(30), during.PausedUntil);
        Assert.Equal(1, after.Granted);
        Assert.Null(after.PausedUntil);
    }
}

public sealed class ChannelPacingStoreTestsOnSqlite() : ChannelPacingStoreTests(StorageProvider.Sqlite);

public sealed class ChannelPacingStoreTestsOnPostgres() : ChannelPacingStoreTests(StorageProvider.Postgres);
