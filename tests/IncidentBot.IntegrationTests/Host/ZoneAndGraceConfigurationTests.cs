using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>The time zone for due dates and the escalation states are checked at start, each mistake named by its key.</summary>
[Collection(HostCollection.Sqlite)]
public sealed class ZoneAndGraceConfigurationTests() : OwnHostsTestBase(StorageProvider.Sqlite)
{
    [Fact]
    public async Task AnUnknownTimeZone_StopsTheStart_SayingHowToWriteOne()
    {
        var settings = Settings();
        settings["Incidents:TimeZone"] = "Mars/Olympus_Mons";

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => StartProcessAsync(settings));

        Assert.Contains("Incidents:TimeZone 'Mars/Olympus_Mons' is not a known time zone. Use an IANA id such as UTC, Europe/Berlin or America/New_York.", failed.Message);
        Assert.DoesNotContain(BotSettings.SigningSecret, failed.Message);
    }

    [Fact]
    public async Task ANegativeVerifyGrace_AndAFinishedState_StopTheStart_NamingEachKey()
    {
        var settings = Settings();
        settings["Policy:VerifyGrace"] = "-00:05:00";
        settings["Policy:Escalations:0:Name"] = "Executive";
        settings["Policy:Escalations:0:When"] = "Unresolved";
        settings["Policy:Escalations:0:After"] = "02:00:00";
        settings["Policy:Escalations:0:Notify"] = "<!subteam^S0EXEC>";
        settings["Policy:Escalations:0:States:0"] = "Resolved";

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => StartProcessAsync(settings));

        Assert.Contains("Policy:VerifyGrace must be zero or a positive time span such as 00:30:00", failed.Message);
        Assert.Contains("Policy:Escalations:0:States has 'Resolved'; use Open, Investigating, Fixing or Verifying", failed.Message);
        Assert.DoesNotContain(BotSettings.SigningSecret, failed.Message);
    }
}
