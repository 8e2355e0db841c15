using IncidentBot.Domain;
using IncidentBot.Slack;

namespace IncidentBot.Messages;

/// <summary>The button action id of each lifecycle trigger, and back.</summary>
public static class ActionIds
{
    private static readonly Dictionary<IncidentTrigger, string> ByTrigger = new()
    {
        [IncidentTrigger.Acknowledge] = SlackIds.ActionAcknowledge,
        [IncidentTrigger.StartFix] = SlackIds.ActionStartFix,
        [IncidentTrigger.StartVerify] = SlackIds.ActionStartVerify,
        [IncidentTrigger.VerificationFailed] = SlackIds.ActionVerificationFailed,
        [IncidentTrigger.Resolve] = SlackIds.ActionResolve,
        [IncidentTrigger.Reopen] = SlackIds.ActionReopen,
        [IncidentTrigger.Close] = SlackIds.ActionClose,
        [IncidentTrigger.Cancel] = SlackIds.ActionCancel,
    };

    public static string For(IncidentTrigger trigger) => ByTrigger[trigger];

    public static bool TryGetTrigger(string actionId, out IncidentTrigger trigger)
    {
        foreach (var (t, id) in ByTrigger)
        {
            if (id == actionId)
            {
                trigger = t;
                return true;
            }
        }
        trigger = default;
        return false;
    }
}
