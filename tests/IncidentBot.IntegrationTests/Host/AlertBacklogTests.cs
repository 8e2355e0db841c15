using System.Net;
using IncidentBot.Inbox;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Alerts waiting in their inbox lane do not hold up people's reads: a replica that applies nothing
/// (Inbox:BatchSize 0) with an alert pending still answers <c>/incident list</c> at once, without
/// "still being applied".
/// </summary>
public abstract class AlertBacklogTests(StorageProvider provider) : BotTestBase(provider)
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Inbox:BatchSize"] = "0";

    [Fact]
    public async Task APendingAlert_DoesNotHoldUpAList()
    {
        var (status, _) = await AlertRequests.SendAsync(Client, AlertRequests.Post("generic", AlertRequests.Generic("orders-fresh", "fct_orders not loaded")));
        Assert.Equal(HttpStatusCode.Accepted, status);

        var list = await CommandAsync("list");

        Assert.True(list.Elapsed < TimeSpan.FromMilliseconds(700), $"The list should not wait for the alerts' lane; {list}");
        Assert.DoesNotContain(InboxCatchUp.StillApplying, list.Text);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class AlertBacklogTestsOnSqlite() : AlertBacklogTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class AlertBacklogTestsOnPostgres() : AlertBacklogTests(StorageProvider.Postgres);
