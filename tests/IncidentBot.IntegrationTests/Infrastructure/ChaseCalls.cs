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
    /// How much later than its job one reminder may reach Slack than the next one does: the gap
    /// between two deliveries is a cadence less this (the outbox was slower with the first, e.g. just
    /// after a restart). A reminder sent twice arrives a few milliseconds apart, far below that.
    /// </summary>
    public static readonly TimeSpan DeliveryJitter = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Consecutive reminders about a cadence apart: a reminder sent twice, by two replicas or in a
    /// catch-up burst after a restart, shows as two reminders moments apart. Needs a cadence well
    /// above <see cref="DeliveryJitter"/> plus the tolerance (3 s does).
    /// </summary>
    public static void AssertNoDuplicates(IReadOnlyList<SlackCall> reminders, TimeSpan cadence, FakeSlackApi slack)
    {
        var least = cadence - ChaseSettings.Tolerance - DeliveryJitter;
        Assert.True(least >= cadence / 2, $"A {cadence.TotalSeconds:0.#} s cadence is too short to tell a late reminder from a duplicate.");
        for (var i = 1; i < reminders.Count; i++)
        {
            var gap = reminders[i].At - reminders[i - 1].At;
            Assert.True(gap >= least,
                $"Reminders #{reminders[i - 1].Sequence} and #{reminders[i].Sequence} are {gap.TotalMilliseconds:0} ms apart; with a {cadence.TotalSeconds:0.#} s cadence that is one reminder sent twice.\n{slack.Dump()}");
        }
    }
}
