using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Settings are checked when the bot starts: a bad policy stops the start with every mistake named
/// by its key and how to write it, and the secrets in the same configuration never appear in what
/// the bot prints. (Checked on SQLite: the checks run before the database is touched.)
/// </summary>
[Collection(HostCollection.Sqlite)]
public sealed class ConfigurationTests() : OwnHostsTestBase(StorageProvider.Sqlite)
{
    [Fact]
    public async Task ABadPolicy_StopsTheStart_NamingEachKeyAndHowToWriteIt_WithoutPrintingSecrets()
    {
        var settings = Settings();
        settings["Policy:UpdateEvery:P1"] = "-00:10:00";
        settings["Policy:PostmortemDue:P0"] = "00:00:00";
        settings["Policy:Escalations:0:Name"] = "Backup on-call";
        settings["Policy:Escalations:0:When"] = "NotAcknowledged";
        settings["Policy:Escalations:0:After"] = "00:15:00";
        settings["Policy:Escalations:0:Notify"] = "<!subteam^S0BACKUP>";
        settings["Policy:Escalations:1:Name"] = "backup on-call";
        settings["Policy:Escalations:1:When"] = "NoUpdate";
        settings["Policy:Escalations:1:After"] = "00:00:00";
        settings["Policy:Escalations:1:Notify"] = "<!subteam^S0MANAGERS>";

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => StartProcessAsync(settings));

        Assert.StartsWith("The bot exited with code", failed.Message);
        Assert.Contains("Policy:UpdateEvery:P1 must be a positive time span such as 00:30:00", failed.Message);
        Assert.Contains("Policy:PostmortemDue:P0 must be a positive time span such as 2.00:00:00", failed.Message);
        Assert.Contains("Policy:Escalations:1:Name 'backup on-call' is used twice", failed.Message);
        Assert.Contains("Policy:Escalations:1:After must be a positive time span", failed.Message);
        Assert.DoesNotContain(BotSettings.SigningSecret, failed.Message);
        Assert.DoesNotContain(BotSettings.BotToken, failed.Message);
    }

    [Fact]
    public async Task APostmortemDueSetToTwoHours_IsWhatTheResolutionSets()
    {
        var settings = Settings();
        settings["Policy:PostmortemDue:P1"] = "02:00:00";
        var bot = await StartInProcessAsync(settings);
        await BotTestBase.SendAsync(bot.Client, Requests.Command("open P1 orders mart stale since 06:00"), Slack);
        await Slack.WaitForHeadlineAsync("INC-1");
        Assert.Contains("acknowledged INC-1", (await BotTestBase.SendAsync(bot.Client, Requests.Command("ack INC-1", user: SlackRequests.Bob), Slack)).Text);

        var before = DateTimeOffset.UtcNow;
        var resolved = await BotTestBase.SendAsync(bot.Client, Requests.Command("resolve INC-1 re-ran the skipped load"), Slack);
        var after = DateTimeOffset.UtcNow;

        Assert.Contains("INC-1 resolved", resolved.Text);
        var due = await Database.ScalarAsync<long>("SELECT postmortem_due_at FROM incidents WHERE number = 1");
        Assert.InRange(due, StoredState.UnixMs(before + TimeSpan.FromHours(2)), StoredState.UnixMs(after + TimeSpan.FromHours(2)));
    }
}
