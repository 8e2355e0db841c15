using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// What an incident leaves behind: the postmortem draft at <c>GET /incidents/INC-n/postmortem</c>
/// built from the incident's own timeline, resolution and action items, closed with
/// <c>/incident postmortem INC-n done &lt;link&gt;</c>; and the Prometheus metrics at <c>GET /metrics</c>.
/// </summary>
public abstract class PostmortemAndMetricsTests(StorageProvider provider) : BotTestBase(provider)
{
    private const string Carol = "U0CAROL";
    private const string Dave = "U0DAVE";

    [Fact]
    public async Task PostmortemDraft_HasTheRealTimelineWithItsTimes_TheRootCause_AndTheActionItems()
    {
        await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        var beforeAck = DateTimeOffset.UtcNow;
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        var afterAck = DateTimeOffset.UtcNow;
        var added = await CommandAsync($"action INC-1 add <@{Carol}|carol> 2030-01-15 add a freshness check on fct_orders");
        Assert.Contains("Added action item #", added.Text);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var second = await CommandAsync($"action INC-1 add <@{Dave}|dave> +3d alert on skipped Airflow runs");
        var secondId = Regex.Match(second.Text, "#([0-9]+)").Groups[1].Value;
        var firstId = Regex.Match(added.Text, "#([0-9]+)").Groups[1].Value;
        Assert.NotEqual(firstId, secondId);
        var done = await CommandAsync($"action INC-1 done {secondId}");
        Assert.Contains($"Action item #{secondId} of INC-1 is done", done.Text);
        var listed = await CommandAsync("action INC-1 list");
        Assert.Contains("add a freshness check on fct_orders", listed.Text);
        var resolved = await SendAsync(Requests.ViewSubmission(FollowUpRequests.ResolveModal(
            "V0RESOLVEPM1", 1, "The 05:00 orders load was skipped by the scheduler",
            rootCause: "Airflow pool exhausted after the upgrade", fixApplied: "Re-ran the load", dataState: "fresh", postmortemNeeded: true), user: SlackRequests.Bob));
        Assert.Null(resolved.Json?["response_action"]);

        using var response = await Client.GetAsync("/incidents/INC-1/postmortem");
        var markdown = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("# Data Incident Postmortem: INC-1 orders mart stale since 06:00", markdown);
        var rows = TimelineRows(markdown);
        // The acknowledgement row carries the time it happened (to the minute), who did it and what.
        var ack = Assert.Single(rows, r => r.Event == "Acknowledged; investigating");
        Assert.Equal(SlackRequests.Bob, ack.Who);
        Assert.Contains(ack.Time, new[] { Utc(beforeAck), Utc(afterAck) });
        var declared = Assert.Single(rows, r => r.Event.StartsWith("Declared P1 Stale Data: orders mart stale since 06:00", StringComparison.Ordinal));
        Assert.Equal(SlackRequests.Alice, declared.Who);
        Assert.True(rows.IndexOf(declared) < rows.IndexOf(ack), $"The timeline runs in order.\n{markdown}");
        Assert.Single(rows, r => r.Event == "Resolve: The 05:00 orders load was skipped by the scheduler" && r.Who == SlackRequests.Bob);
        Assert.Single(rows, r => r.Event == $"Action item #{firstId} for {Carol}, due 2030-01-15: add a freshness check on fct_orders");
        Assert.Contains("## Root Cause\nAirflow pool exhausted after the upgrade", markdown);
        Assert.Contains("**Fix applied:** Re-ran the load", markdown);
        Assert.Contains($"| {firstId} | add a freshness check on fct_orders | {Carol} | 2030-01-15 | Open |", markdown);
        // Due "+3d" from the day it was added (the day may have turned meanwhile), and done.
        Assert.Matches($@"\| {secondId} \| alert on skipped Airflow runs \| {Dave} \| ({today.AddDays(3):yyyy-MM-dd}|{today.AddDays(4):yyyy-MM-dd}) \| Done \|", markdown);
    }

    [Fact]
    public async Task PostmortemOfAnUnknownIncident_Is404_AndOfANonReference_Is400()
    {
        await OpenAsync("INC-1");

        using var unknown = await Client.GetAsync("/incidents/INC-99/postmortem");
        using var nonsense = await Client.GetAsync("/incidents/orders/postmortem");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("INC-99", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, nonsense.StatusCode);
    }

    [Fact]
    public async Task PostmortemDone_RecordsTheLink_AndClosesTheIncident()
    {
        var headline = await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        var resolved = await CommandAsync("resolve INC-1 re-ran the skipped load", user: SlackRequests.Bob);
        Assert.Contains("INC-1 resolved", resolved.Text);
        // P1: the postmortem is what is left to do.
        var pending = await CommandAsync("postmortem INC-1");
        Assert.Contains("Postmortem of INC-1: due", pending.Text);

        var reply = await CommandAsync("postmortem INC-1 done https://wiki.example.com/postmortems/1", user: SlackRequests.Bob);

        Assert.Contains("INC-1 closed with its postmortem", reply.Text);
        var note = await Slack.WaitForCallAsync(c => c.ThreadTs == headline.ResponseTs && c.AllText.Contains("recorded the postmortem for INC-1", StringComparison.Ordinal), "the postmortem note in the thread");
        Assert.Contains("https://wiki.example.com/postmortems/1", note.AllText);
        var edit = await Slack.WaitForCallAsync(c => c.Method == "chat.update" && (c.Text ?? "").StartsWith("INC-1 [P1] Closed:", StringComparison.Ordinal), "the headline edited to Closed");
        Assert.Equal(headline.ResponseTs, edit.Ts);
        Assert.Null(edit.Element("incident-reopen"));
        var status = await CommandAsync("postmortem INC-1");
        Assert.Contains("Postmortem of INC-1: done: https://wiki.example.com/postmortems/1", status.Text);
        using var response = await Client.GetAsync("/incidents/INC-1/postmortem");
        var markdown = await response.Content.ReadAsStringAsync();
        Assert.Contains("**State:** Closed", markdown);
        Assert.Single(TimelineRows(markdown), r => r.Event == "Postmortem done: https://wiki.example.com/postmortems/1");
    }

    [Fact]
    public async Task Metrics_AreValidPrometheusText_AndCountTheIncidentsThatExist()
    {
        // INC-1: P1, acknowledged and resolved.
        await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        await CommandAsync("resolve INC-1 re-ran the skipped load", user: SlackRequests.Bob);
        // INC-2: P0, open, nobody has acknowledged it.
        await OpenAsync("INC-2", "open P0 revenue dashboard shows data as of Feb 8");
        // INC-3: P2, acknowledged, then cancelled as a false alarm.
        await OpenAsync("INC-3", "open P2 nightly dbt run failed");
        await CommandAsync("ack INC-3", user: SlackRequests.Bob);
        var cancelled = await CommandAsync("cancel INC-3 false alarm, the run was retried", user: SlackRequests.Bob);
        Assert.Contains("INC-3 cancelled", cancelled.Text);

        using var response = await Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Content.Headers.ContentType!.Parameters, p => p.Name == "version" && p.Value == "0.0.4");
        var metrics = PrometheusText.Parse(text);

        Assert.Equal("gauge", metrics.TypeOf["incidentbot_incidents_total"]);
        var expected = new Dictionary<(string Severity, string State), double>
        {
            [("P1", "Resolved")] = 1,
            [("P0", "Open")] = 1,
            [("P2", "Cancelled")] = 1,
        };
        var series = metrics.All("incidentbot_incidents_total");
        Assert.Equal(4 * 7, series.Count); // every severity by every state, zeros included
        foreach (var sample in series)
        {
            var key = (sample.Labels["severity"], sample.Labels["state"]);
            Assert.True(expected.GetValueOrDefault(key) == sample.Value, $"{sample} should be {expected.GetValueOrDefault(key)}.\n{text}");
        }
        Assert.Equal(1, metrics.Value("incidentbot_open_incidents", ("severity", "P0")));
        Assert.Equal(0, metrics.Value("incidentbot_open_incidents", ("severity", "P1")));
        Assert.Equal(0, metrics.Value("incidentbot_open_incidents", ("severity", "P2")));
        Assert.Equal(0, metrics.Value("incidentbot_escalations_total"));
        Assert.Equal(0, metrics.Value("incidentbot_reminders_total"));

        // Acknowledged: INC-1 and INC-3, each within seconds of detection.
        AssertHistogram(metrics, "incidentbot_time_to_acknowledge_seconds", count: 2, firstBucket: "60", text);
        // Resolved: INC-1 only.
        AssertHistogram(metrics, "incidentbot_time_to_resolve_seconds", count: 1, firstBucket: "900", text);
    }

    private static void AssertHistogram(PrometheusText metrics, string name, int count, string firstBucket, string text)
    {
        Assert.Equal("histogram", metrics.TypeOf[name]);
        Assert.Equal(count, metrics.Value(name + "_count"));
        Assert.Equal(count, metrics.Value(name + "_bucket", ("le", "+Inf")));
        Assert.Equal(count, metrics.Value(name + "_bucket", ("le", firstBucket)));
        var sum = metrics.Value(name + "_sum");
        Assert.True(sum >= 0 && sum < count * 60, $"{name}_sum should be a few seconds; it is {sum}.\n{text}");
        var buckets = metrics.All(name + "_bucket");
        for (var i = 1; i < buckets.Count; i++)
        {
            Assert.True(buckets[i].Value >= buckets[i - 1].Value, $"Histogram buckets are cumulative: {buckets[i - 1]} then {buckets[i]}.");
        }
        Assert.Equal("+Inf", buckets[^1].Labels["le"]);
    }

    private sealed record TimelineRow(string Time, string Who, string Event);

    /// <summary>The rows of the "## Timeline" table: | Time | Who | Event |.</summary>
    private static List<TimelineRow> TimelineRows(string markdown)
    {
        var section = markdown[markdown.IndexOf("## Timeline", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        return section.Split('\n')
            .Select(line => Regex.Match(line, @"^\| (?<time>[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC) \| (?<who>[^|]+) \| (?<what>.*) \|$"))
            .Where(m => m.Success)
            .Select(m => new TimelineRow(m.Groups["time"].Value, m.Groups["who"].Value, m.Groups["what"].Value))
            .ToList();
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

[Collection(HostCollection.Sqlite)]
public sealed class PostmortemAndMetricsTestsOnSqlite() : PostmortemAndMetricsTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class PostmortemAndMetricsTestsOnPostgres() : PostmortemAndMetricsTests(StorageProvider.Postgres);
