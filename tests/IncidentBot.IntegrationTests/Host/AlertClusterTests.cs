using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>Two replicas on one PostgreSQL database receive the same alert at once: one incident, one headline.</summary>
[Collection(HostCollection.Postgres)]
public sealed class AlertClusterTests() : OwnHostsTestBase(StorageProvider.Postgres)
{
    [Fact]
    public async Task TwoReplicasReceivingTheSameAlert_MakeOneIncident()
    {
        var replicas = await Task.WhenAll(StartInProcessAsync(Settings()), StartInProcessAsync(Settings()));
        var json = AlertRequests.Generic("orders-fresh", "fct_orders not loaded for 7 h", assets: ["fct_orders"]);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            AlertRequests.SendAsync(replicas[i % 2].Client, AlertRequests.Post("generic", json))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.Status));
        await Slack.WaitForHeadlineAsync("INC-1");
        await AlertRequests.WaitUntilAppliedAsync(replicas[0].Services);
        // A declaration after the alerts were applied gets the next number: the ten made one incident.
        var reply = await BotTestBase.SendAsync(replicas[1].Client, Requests.Command("open P3 settling incident"), Slack);
        Assert.Contains("INC-2", reply.Text);
        await Slack.WaitForHeadlineAsync("INC-2");
        Assert.Single(Slack.Headlines, c => c.Mentions("INC-1"));
    }
}
