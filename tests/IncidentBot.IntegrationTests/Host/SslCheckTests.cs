using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Slack probes a slash command's Request URL with <c>ssl_check=1</c> (and the verification token, no
/// command). The probe must get a 200, or Slack marks the URL as broken, and it must change nothing.
/// </summary>
public abstract class SslCheckTests(StorageProvider provider) : BotTestBase(provider)
{
    [Fact]
    public async Task SignedSslCheck_Gets200_AndChangesNothing()
    {
        var reply = await SendAsync(Requests.Raw("/slack/commands", "ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.False(reply.Deferred, $"A probe has no response_url to answer; {reply}");
        Assert.True(reply.Elapsed < AnswerBudget, $"The probe should be answered within {AnswerBudget.TotalSeconds} s; {reply}");
        Assert.Equal("INC-1", await SettleAsync());
        AssertOnlySettlingIncidentsReachedSlack(1);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class SslCheckTestsOnSqlite() : SslCheckTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class SslCheckTestsOnPostgres() : SslCheckTests(StorageProvider.Postgres);
