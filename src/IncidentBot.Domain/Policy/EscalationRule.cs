using System.Text;

namespace IncidentBot.Domain.Policy;

/// <summary>What an escalation rule watches for.</summary>
public enum EscalationCondition
{
    /// <summary>Nobody acknowledged within <see cref="EscalationRule.After"/> of the declaration.</summary>
    NotAcknowledged,

    /// <summary>No status update within <see cref="EscalationRule.After"/> of the declaration or the last update.</summary>
    NoUpdate,

    /// <summary>Still active <see cref="EscalationRule.After"/> after the declaration.</summary>
    Unresolved,
}

/// <summary>
/// One line of the escalation timeline: when <see cref="When"/> has held for <see cref="After"/> on an
/// incident of one of <see cref="Severities"/> (empty = all) that is in one of <see cref="States"/>
/// (null or empty = every active state), post into the thread mentioning <see cref="Notify"/>
/// verbatim. Fires at most once per incident.
/// </summary>
public sealed record EscalationRule(string Name, EscalationCondition When, TimeSpan After, IReadOnlyList<Severity> Severities, string Notify, IReadOnlyList<IncidentState>? States = null)
{
    /// <summary>The rule's id in job names and the timeline: "Backup on-call" -> "backup-on-call".</summary>
    public string Slug { get; } = Slugify(Name);

    /// <summary>True when the rule names the states it applies to; otherwise the policy's defaults hold (see <see cref="IncidentPolicy.VerifyGrace"/>).</summary>
    public bool NamesStates => States is { Count: > 0 };

    public bool AppliesTo(Severity severity) => Severities.Count == 0 || Severities.Contains(severity);

    public bool AppliesIn(IncidentState state) => !NamesStates || States!.Contains(state);

    /// <summary>The seeds' escalation timeline; the targets are placeholders the README tells how to set.</summary>
    public static readonly IReadOnlyList<EscalationRule> Defaults =
    [
        new("Backup on-call", EscalationCondition.NotAcknowledged, TimeSpan.FromMinutes(15), [Severity.P0, Severity.P1, Severity.P2], "the backup on-call (set Policy:Escalations:0:Notify)"),
        new("Engineering manager", EscalationCondition.NoUpdate, TimeSpan.FromMinutes(30), [Severity.P0, Severity.P1], "the engineering manager (set Policy:Escalations:1:Notify)"),
        new("VP Engineering", EscalationCondition.Unresolved, TimeSpan.FromHours(1), [Severity.P0], "the VP Engineering (set Policy:Escalations:2:Notify)"),
        new("Executive", EscalationCondition.Unresolved, TimeSpan.FromHours(2), [Severity.P0], "the executive on duty (set Policy:Escalations:3:Notify)"),
    ];

    public static string Slugify(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        return slug.ToString().Trim('-');
    }
}
