using System.Text.Json.Nodes;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// What an operator reads of the Socket Mode connection: connects, refreshes and drops are named;
/// the app token, the bot token and the WebSocket URL (it carries a ticket) never appear.
/// (Checked on SQLite: the log lines do not depend on the store.)
/// </summary>
[Collection(HostCollection.Sqlite)]
public sealed class SocketModeLogTests() : OwnHostsTestBase(StorageProvider.Sqlite)
{
    [Fact]
    public async Task ConnectsRefreshesAndDrops_AreLogged_WithoutTokensOrTheConnectionUrl()
    {
        await using var socket = await FakeSocketMode.StartAsync();
        Slack.FailAlways("apps.connections.open", CannedResponse.Ok(new JsonObject { ["url"] = socket.Url.ToString() }));
        var settings = Settings();
        settings["Slack:AppToken"] = SocketModeTestBase.AppToken;
        settings["Serilog:MinimumLevel:Default"] = "Information";
        var bot = await StartProcessAsync(settings);

        await socket.DisconnectAsync("refresh_requested");
        await socket.WaitForConnectionsAsync(2);
        socket.DropNewest();
        await socket.WaitForConnectionsAsync(3);
        await StoredState.WaitUntilAsync(() => Task.FromResult(bot.Output.Contains("2 reconnects", StringComparison.Ordinal)), "the log line of the third connection");

        var output = bot.Output;
        Assert.Contains("Socket Mode connected", output);
        Assert.Contains("refresh_requested", output);
        Assert.Contains("Socket Mode connection dropped", output);
        Assert.DoesNotContain(SocketModeTestBase.AppToken, output);
        Assert.DoesNotContain(BotSettings.BotToken, output);
        Assert.DoesNotContain("secret-ticket-123", output);
        Assert.DoesNotContain(socket.Url.Authority, output);
    }
}
