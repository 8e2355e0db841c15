using System.Text;
using Stateless.Reflection;

namespace IncidentBot.Domain.Lifecycle;

/// <summary>
/// The README's view of <see cref="IncidentLifecycle"/>, formatted from the machine's own
/// <c>GetInfo()</c>: a Mermaid diagram of the steps, and a table of what each state allows besides.
/// </summary>
public static class LifecycleDiagram
{
    public static string Mermaid()
    {
        var text = new StringBuilder("stateDiagram-v2\n    [*] --> Open\n");
        foreach (var state in States())
        {
            foreach (var t in state.FixedTransitions.Where(t => !t.IsInternalTransition))
            {
                var guard = t.GuardConditionsMethodDescriptions.Select(g => g.Description).FirstOrDefault();
                text.Append($"    {state.UnderlyingState} --> {t.DestinationState.UnderlyingState} : {t.Trigger.UnderlyingTrigger}{(guard is null ? "" : $" (if {guard})")}\n");
            }
        }
        return text.ToString();
    }

    /// <summary>A Markdown table: for each state, the triggers it allows that keep the state.</summary>
    public static string Rules()
    {
        var text = new StringBuilder("| State | Also allowed |\n|---|---|\n");
        foreach (var state in States())
        {
            var internals = state.FixedTransitions.Where(t => t.IsInternalTransition).Select(t => IncidentLifecycle.Verb((IncidentTrigger)t.Trigger.UnderlyingTrigger)).ToList();
            text.Append($"| {state.UnderlyingState} | {(internals.Count == 0 ? "nothing" : string.Join(", ", internals))} |\n");
        }
        return text.ToString();
    }

    private static IEnumerable<StateInfo> States() =>
        IncidentLifecycle.Describe().GetInfo().States.OrderBy(s => (IncidentState)s.UnderlyingState);
}
