using IncidentBot.Queues;
namespace IncidentBot.Inbox;

/// <summary>
/// Read-your-writes for requests answered on the request path: a read, a form or a form submission
/// about an incident first waits (briefly) for the requests about it that arrived earlier and still sit
/// in the inbox, so a severity pick followed at once by <c>/incident status</c> shows the new severity.
/// The inbox worker is woken, so the wait is usually the time one change takes to apply.
/// </summary>
public sealed class InboxCatchUp(Domain.Ports.IInbox inbox, InboxSignal signal, TimeProvider time)
{
    /// <summary>For an answer given in the HTTP response: well within Slack's 3 s.</summary>
    public static readonly TimeSpan ReadBudget = TimeSpan.FromMilliseconds(1500);

    /// <summary>For a form: views.open still needs its own time within the trigger_id's 3 s.</summary>
    public static readonly TimeSpan FormBudget = TimeSpan.FromMilliseconds(700);

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Waits until requests about <paramref name="incidentNumber"/> (any incident when null) received
    /// before now are applied, for at most <paramref name="budget"/>; false when some still wait.
    /// </summary>
    public async Task<bool> WaitAsync(long? incidentNumber, TimeSpan budget, CancellationToken cancellationToken)
    {
        var receivedBy = time.GetUtcNow();
        var deadline = receivedBy + budget;
        while (await inbox.HasPendingAsync(incidentNumber, receivedBy, cancellationToken))
        {
            if (time.GetUtcNow() >= deadline)
            {
                return false;
            }
            signal.Notify();
            await Task.Delay(PollEvery, time, cancellationToken);
        }
        return true;
    }

    /// <summary>Said with a read that could not wait for every earlier change.</summary>
    public const string StillApplying = "_A change made a moment ago is still being applied; this may not show it yet._";
}
