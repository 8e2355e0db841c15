namespace IncidentBot.Queues;

/// <summary>Wakes the local outbox worker right after a commit, so a message goes out at once instead of at the next poll.</summary>
public sealed class OutboxSignal : WakeSignal;

/// <summary>Wakes the local schedule synchroniser right after a commit that changed what is due.</summary>
public sealed class ScheduleSignal : WakeSignal;

/// <summary>Wakes the local inbox worker as soon as a request is stored.</summary>
public sealed class InboxSignal : WakeSignal;

/// <summary>A one-slot wake-up: many notifications before a wait count as one.</summary>
public abstract class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
