namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// The fake records the headline when Slack answers; the bot stores the headline's ts a moment later.
/// What depends on the stored ts (a thread reply recognised as the incident's, a kill that must not
/// repeat the headline) waits for it here.
/// </summary>
public static class HeadlineRecording
{
    /// <summary>
    /// Polls <c>/incident status INC-n</c> until it links the headline's thread
    /// (<c>https://slack.com/archives/C0INCIDENTS/p1700000000000100</c>): then the bot knows where the headline is.
    /// </summary>
    public static async Task WaitUntilRecordedAsync(HttpClient bot, SlackRequests requests, string reference, SlackCall headline, TimeSpan? timeout = null)
    {
        var link = $"archives/{FakeSlackApi.IncidentsChannelId}/p{headline.ResponseTs!.Replace(".", "", StringComparison.Ordinal)}";
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var status = await BotTestBase.SendAsync(bot, requests.Command($"status {reference}"));
            if (status.AllText.Contains(link, StringComparison.Ordinal))
            {
                return;
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"The bot never recorded the headline of {reference} ({link}); last status: {status}");
            await Task.Delay(20);
        }
    }
}
