using IncidentBot.Domain;
using IncidentBot.Domain.Policy;

namespace IncidentBot.Configuration;

/// <summary>The <c>Policy</c> section: update cadence, escalation timeline and impact routing.</summary>
public sealed class PolicyOptions
{
    public const string Section = "Policy";

    public UpdateEveryOptions UpdateEvery { get; set; } = new();

    /// <summary>How long after the resolution a needed postmortem is due, by severity.</summary>
    public PostmortemDueOptions PostmortemDue { get; set; } = new();

    /// <summary>The escalation rules; when the section is absent, the seeds' timeline (<see cref="EscalationRule.Defaults"/>).</summary>
    public List<EscalationRuleOptions>? Escalations { get; set; }

    /// <summary>How long an Unresolved rule without <c>States</c> holds off once the incident is Verifying.</summary>
    public TimeSpan VerifyGrace { get; set; } = IncidentPolicy.DefaultVerifyGrace;

    /// <summary>Who to notify, once and at once, when an incident is flagged with an impact.</summary>
    public ImpactNotifyOptions ImpactNotify { get; set; } = new();

    public PostmortemDue ToPostmortemDue() => new(PostmortemDue.P0, PostmortemDue.P1, PostmortemDue.P2, PostmortemDue.P3);

    public UpdateCadence ToCadence() => new(UpdateEvery.P0, UpdateEvery.P1, UpdateEvery.P2, UpdateEvery.P3);

    public IReadOnlyList<EscalationRule> ToRules() =>
        Escalations is null
            ? EscalationRule.Defaults
            : Escalations.Select(r => new EscalationRule(
                r.Name ?? "",
                r.When,
                r.After,
                (r.Severities ?? []).Select(s => SeverityExtensions.TryParse(s, out var parsed) ? parsed : throw new InvalidOperationException($"Policy:Escalations '{r.Name}': '{s}' is not a severity (P0-P3).")).ToList(),
                r.Notify ?? "",
                (r.States ?? []).Select(s => TryParseState(s, out var state) ? state : throw new InvalidOperationException($"Policy:Escalations '{r.Name}': '{s}' is not an active state.")).ToList())).ToList();

    public IncidentPolicy ToPolicy() => new(ToCadence(), ToRules(), VerifyGrace);

    /// <summary>An active state by name ("Verifying", any case); numbers and finished states are refused.</summary>
    public static bool TryParseState(string? text, out IncidentState state)
    {
        state = default;
        return text is { Length: > 0 } && char.IsLetter(text.Trim()[0]) && Enum.TryParse(text.Trim(), ignoreCase: true, out state) && state.IsActive();
    }

    public sealed class UpdateEveryOptions
    {
        public TimeSpan P0 { get; set; } = UpdateCadence.Default.For(Severity.P0);
        public TimeSpan P1 { get; set; } = UpdateCadence.Default.For(Severity.P1);
        public TimeSpan P2 { get; set; } = UpdateCadence.Default.For(Severity.P2);
        public TimeSpan P3 { get; set; } = UpdateCadence.Default.For(Severity.P3);
    }

    public sealed class PostmortemDueOptions
    {
        public TimeSpan P0 { get; set; } = Domain.Policy.PostmortemDue.Default.P0;
        public TimeSpan P1 { get; set; } = Domain.Policy.PostmortemDue.Default.P1;
        public TimeSpan P2 { get; set; } = Domain.Policy.PostmortemDue.Default.P2;
        public TimeSpan P3 { get; set; } = Domain.Policy.PostmortemDue.Default.P3;
    }

    public sealed class EscalationRuleOptions
    {
        public string? Name { get; set; }
        public EscalationCondition When { get; set; }
        public TimeSpan After { get; set; }
        public List<string>? Severities { get; set; }
        public string? Notify { get; set; }

        /// <summary>Active states the rule fires in (Open, Investigating, Fixing, Verifying); empty = all, with the Verifying grace for Unresolved.</summary>
        public List<string>? States { get; set; }
    }

    /// <summary>The seeds' impact-based escalation; placeholders until set.</summary>
    public sealed class ImpactNotifyOptions
    {
        public string Revenue { get; set; } = "the C-level on duty (set Policy:ImpactNotify:Revenue)";
        public string CustomerFacing { get; set; } = "the product team (set Policy:ImpactNotify:CustomerFacing)";
        public string Regulatory { get; set; } = "the compliance team (set Policy:ImpactNotify:Regulatory)";
        public string Security { get; set; } = "the security team (set Policy:ImpactNotify:Security)";

        public string For(ImpactFlags flag) => flag switch
        {
            ImpactFlags.Revenue => Revenue,
            ImpactFlags.CustomerFacing => CustomerFacing,
            ImpactFlags.Regulatory => Regulatory,
            _ => Security,
        };
    }
}
