using System.Text.Json.Nodes;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// Recognises what the bot posts when it chases, by the fallback text each kind of message has
/// (the text Slack shows in notifications): every call the fake recorded counts, so a message sent
/// twice is seen twice.
/// </summary>
public static class ChaseCalls
{
    /// <summary>An update reminder for <paramref name="reference"/>: fallback "INC-1: a status update is due".</summary>
    public static bool IsReminderFor(this SlackCall call, string reference) =>
        call.Method == "chat.postMessage" && call.Text == $"{reference}: a status update is due";

    /// <summary>An escalation along a timeline rule: ":rotating_light: *Escalation (Name)*: ..., INC-1 (...".</summary>
    public static bool IsEscalationFor(this SlackCall call, string reference) =>
        call.Method == "chat.postMessage"
        && call.Text is { } text
        && text.StartsWith(":rotating_light: *Escalation (", StringComparison.Ordinal)
        && text.Contains($", {reference} (", StringComparison.Ordinal);

    /// <summary>A business impact notice: ":warning: *Business impact: Revenue* on INC-1 (P1): ...".</summary>
    public static bool IsImpactNoticeFor(this SlackCall call, string reference) =>
        call.Method == "chat.postMessage"
        && call.Text is { } text
        && text.StartsWith(":warning: *Business impact: ", StringComparison.Ordinal)
        && text.Contains($"* on {reference} (", StringComparison.Ordinal);

    /// <summary>A postmortem reminder: ":memo: &lt;@U0BOB&gt;, the postmortem for *INC-1* (P1) is due ...".</summary>
    public static bool IsPostmortemReminderFor(this SlackCall call, string reference) =>
        call.Method == "chat.postMessage"
        && call.Text is { } text
        && text.StartsWith(":memo: ", StringComparison.Ordinal)
        && text.Contains($", the postmortem for *{reference}* (", StringComparison.Ordinal);

    /// <summary>The resolution message: fallback "INC-1 resolved: ...".</summary>
    public static bool IsResolutionOf(this SlackCall call, string reference) =>
        call.Method == "chat.postMessage" && call.Text is { } text && text.StartsWith($"{reference} resolved: ", StringComparison.Ordinal);

    /// <summary>Anything the bot says on its own to chase an incident: reminders and escalations.</summary>
    public static bool IsChaseFor(this SlackCall call, string reference) =>
        call.IsReminderFor(reference) || call.IsEscalationFor(reference);

    public static IReadOnlyList<SlackCall> RemindersFor(this FakeSlackApi slack, string reference) =>
        slack.Calls.Where(c => c.IsReminderFor(reference)).ToArray();

    public static IReadOnlyList<SlackCall> EscalationsFor(this FakeSlackApi slack, string reference) =>
        slack.Calls.Where(c => c.IsEscalationFor(reference)).ToArray();

    /// <summary>Waits until <paramref name="count"/> reminders for <paramref name="reference"/> have arrived and returns them all.</summary>
    public static async Task<IReadOnlyList<SlackCall>> WaitForRemindersAsync(this FakeSlackApi slack, string reference, int count, TimeSpan timeout) =>
        (await slack.WaitForAsync(calls => calls.Count(c => c.IsReminderFor(reference)) >= count, $"{count} update reminder(s) for {reference}", timeout))
            .Where(c => c.IsReminderFor(reference))
            .ToArray();

    /// <summary>
    /// Fails unless <paramref name="call"/> arrived no earlier than <paramref name="earliest"/> less
    /// the scheduler's tolerance, and no later than <paramref name="latest"/>; the message says by how much.
    /// </summary>
    public static void AssertArrivedBetween(SlackCall call, DateTimeOffset earliest, DateTimeOffset latest, string what, FakeSlackApi slack)
    {
        var early = earliest - ChaseSettings.Tolerance;
        Assert.True(call.At >= early,
            $"{what} should not arrive before {earliest:HH:mm:ss.fff} (tolerance {ChaseSettings.Tolerance.TotalMilliseconds:0} ms); it arrived {(earliest - call.At).TotalMilliseconds:0} ms early at {call.At:HH:mm:ss.fff}.\n{slack.Dump()}");
        Assert.True(call.At <= latest,
            $"{what} should arrive by {latest:HH:mm:ss.fff}; it arrived {(call.At - latest).TotalMilliseconds:0} ms late at {call.At:HH:mm:ss.fff}.\n{slack.Dump()}");
    }

    /// <summary>
    /// Lets time pass until <paramref name="at"/>: for "nothing happens" checks, which can only wait
    /// past the deadline and then look, and for timing an action (an update halfway to a reminder).
    /// </summary>
    public static Task DelayUntilAsync(DateTimeOffset at)
    {
        var wait = at - DateTimeOffset.UtcNow;
        return wait > TimeSpan.Zero ? Task.Delay(wait) : Task.CompletedTask;
    }

    /// <summary>
    /// The key a post carries in its message metadata (<c>INC-1/reminder/&lt;due, unix ms&gt;</c> for a
    /// reminder): one message sent twice carries the same key twice.
    /// </summary>
    public static string? MessageKey(this SlackCall call) =>
        call.Body["metadata"] is JsonObject metadata ? (string?)metadata["event_payload"]?["key"] : null;

    /// <summary>
    /// Each reminder was sent once, and none was planned in a catch-up burst; judged by what the
    /// reminders say (the due time in their key), not by how far apart they arrived: a reminder that
    /// left the outbox late (just after a failover) arrives closer to the next one than a cadence and
    /// is still not a copy. A reminder sent twice (two replicas) shows as one key twice. The next
    /// reminder is planned a cadence after the last one was recorded, which is before it reached
    /// Slack; so consecutive reminders are planned a cadence apart, each for after the previous one
    /// arrived. A burst after a restart (one reminder per missed period) plans them for times already
    /// past when the previous one arrived.
    /// </summary>
    public static void AssertNoDuplicates(IReadOnlyList<SlackCall> reminders, TimeSpan cadence, FakeSlackApi slack) =>
        AssertNoDuplicates(reminders, cadence, slack.Dump);

    /// <inheritdoc cref="AssertNoDuplicates(IReadOnlyList{SlackCall}, TimeSpan, FakeSlackApi)"/>
    public static void AssertNoDuplicates(IReadOnlyList<SlackCall> reminders, TimeSpan cadence, Func<string> dump)
    {
        var planned = new List<(SlackCall Call, DateTimeOffset Due)>();
        foreach (var call in reminders)
        {
            var key = call.MessageKey();
            var due = key?[(key.LastIndexOf('/') + 1)..];
            Assert.True(long.TryParse(due, out var ms), $"Reminder #{call.Sequence} carries no reminder key in its metadata ({key ?? "none"}).\n{dump()}");
            var copy = planned.FirstOrDefault(p => p.Call.MessageKey() == key);
            Assert.True(copy.Call is null, $"Reminders #{copy.Call?.Sequence} and #{call.Sequence} are one reminder ({key}) sent twice.\n{dump()}");
            planned.Add((call, DateTimeOffset.FromUnixTimeMilliseconds(ms)));
        }
        var least = cadence - ChaseSettings.Tolerance;
        var ordered = planned.OrderBy(p => p.Due).ToArray();
        foreach (var (earlier, later) in ordered.Zip(ordered.Skip(1)))
        {
            var gap = later.Due - earlier.Due;
            Assert.True(gap >= least,
                $"Reminders #{earlier.Call.Sequence} and #{later.Call.Sequence} were planned {gap.TotalMilliseconds:0} ms apart; with a {cadence.TotalSeconds:0.#} s cadence that is one reminder planned twice.\n{dump()}");
            Assert.True(later.Due > earlier.Call.At,
                $"Reminder #{later.Call.Sequence} was planned for {later.Due:HH:mm:ss.fff}, before #{earlier.Call.Sequence} reached Slack at {earlier.Call.At:HH:mm:ss.fff}: a catch-up burst.\n{dump()}");
        }
    }
}
