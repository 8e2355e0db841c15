using IncidentBot.Domain;
using IncidentBot.Domain.Lifecycle;

namespace IncidentBot.Tests.Domain;

/// <summary>The machine's whole table: what each state permits, where each step leads, and the exact refusals.</summary>
public class LifecycleTableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 12, 9, 0, 0, TimeSpan.Zero);

    private const IncidentTrigger Ack = IncidentTrigger.Acknowledge, Fix = IncidentTrigger.StartFix, Verify = IncidentTrigger.StartVerify,
        Failed = IncidentTrigger.VerificationFailed, Resolve = IncidentTrigger.Resolve, Reopen = IncidentTrigger.Reopen,
        Close = IncidentTrigger.Close, Cancel = IncidentTrigger.Cancel, Severity = IncidentTrigger.ChangeSeverity,
        Update = IncidentTrigger.PostUpdate, Snooze = IncidentTrigger.Snooze, Postmortem = IncidentTrigger.RecordPostmortem,
        AddItem = IncidentTrigger.AddActionItem, ItemDone = IncidentTrigger.CompleteActionItem;

    public static TheoryData<IncidentState, IncidentTrigger[]> Permitted => new()
    {
        { IncidentState.Open, [Ack, Resolve, Cancel, Severity, Update, Snooze, AddItem, ItemDone] },
        { IncidentState.Investigating, [Fix, Resolve, Cancel, Severity, Update, Snooze, AddItem, ItemDone] },
        { IncidentState.Fixing, [Verify, Resolve, Cancel, Severity, Update, Snooze, AddItem, ItemDone] },
        { IncidentState.Verifying, [Failed, Resolve, Cancel, Severity, Update, Snooze, AddItem, ItemDone] },
        { IncidentState.Resolved, [Reopen, Close, Severity, Postmortem, AddItem, ItemDone] },
        { IncidentState.Closed, [AddItem, ItemDone] },
        { IncidentState.Cancelled, [] },
    };

    [Theory]
    [MemberData(nameof(Permitted))]
    public void EachState_PermitsExactlyItsTriggers(IncidentState state, IncidentTrigger[] expected)
    {
        var incident = InState(state);

        Assert.Equal(expected, incident.PermittedTriggers);
        Assert.All(Enum.GetValues<IncidentTrigger>().Except(expected), t => Assert.NotNull(incident.WhyNot(t)));
    }

    [Theory]
    [InlineData(IncidentState.Open, IncidentTrigger.Acknowledge, IncidentState.Investigating)]
    [InlineData(IncidentState.Open, IncidentTrigger.Resolve, IncidentState.Resolved)]
    [InlineData(IncidentState.Open, IncidentTrigger.Cancel, IncidentState.Cancelled)]
    [InlineData(IncidentState.Investigating, IncidentTrigger.StartFix, IncidentState.Fixing)]
    [InlineData(IncidentState.Investigating, IncidentTrigger.Resolve, IncidentState.Resolved)]
    [InlineData(IncidentState.Investigating, IncidentTrigger.Cancel, IncidentState.Cancelled)]
    [InlineData(IncidentState.Fixing, IncidentTrigger.StartVerify, IncidentState.Verifying)]
    [InlineData(IncidentState.Fixing, IncidentTrigger.Resolve, IncidentState.Resolved)]
    [InlineData(IncidentState.Fixing, IncidentTrigger.Cancel, IncidentState.Cancelled)]
    [InlineData(IncidentState.Verifying, IncidentTrigger.VerificationFailed, IncidentState.Fixing)]
    [InlineData(IncidentState.Verifying, IncidentTrigger.Resolve, IncidentState.Resolved)]
    [InlineData(IncidentState.Verifying, IncidentTrigger.Cancel, IncidentState.Cancelled)]
    [InlineData(IncidentState.Resolved, IncidentTrigger.Reopen, IncidentState.Investigating)]
    [InlineData(IncidentState.Resolved, IncidentTrigger.Close, IncidentState.Closed)]
    public void EveryStep_LeadsWhereTheTableSays(IncidentState from, IncidentTrigger trigger, IncidentState to)
    {
        var incident = InState(from);

        incident.Fire(trigger, "U2", T0.AddHours(1));

        Assert.Equal(to, incident.State);
        Assert.Equal((from.ToString(), to.ToString()), (incident.PendingTimeline[^1].OldValue, incident.PendingTimeline[^1].NewValue));
    }

    /// <summary>Every refusal in every state, word for word, in <c>Domain/Golden/refusals.txt</c> (<c>UPDATE_GOLDEN=1</c> rewrites it).</summary>
    [Fact]
    public void EveryRefusal_NamesStateStepAndWhatIsPossible()
    {
        var text = new System.Text.StringBuilder();
        foreach (var state in Enum.GetValues<IncidentState>())
        {
            foreach (var postmortemOwed in state == IncidentState.Resolved ? new[] { false, true } : [false])
            {
                var incident = InState(state, postmortemOwed);
                text.Append($"## {state}{(postmortemOwed ? " (postmortem owed)" : "")}\n");
                foreach (var trigger in Enum.GetValues<IncidentTrigger>())
                {
                    if (incident.WhyNot(trigger) is { } refusal)
                    {
                        text.Append($"{trigger}: {refusal}\n");
                    }
                }
            }
        }
        var path = Path.Combine(IncidentLifecycleTests.RepositoryRoot(), "tests", "IncidentBot.Tests", "Domain", "Golden", "refusals.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text.ToString());
            return;
        }
        Assert.Equal(File.ReadAllText(path), text.ToString());
    }

    [Fact]
    public void InternalTriggers_KeepTheState()
    {
        var incident = InState(IncidentState.Fixing);

        incident.ChangeSeverity(IncidentBot.Domain.Severity.P0, "U2", T0.AddMinutes(1));
        incident.PostUpdate("still backfilling", "U2", T0.AddMinutes(2));
        incident.Snooze(TimeSpan.FromMinutes(30), "U2", T0.AddMinutes(3));
        Assert.Null(incident.WhyNot(IncidentTrigger.AddActionItem));

        Assert.Equal(IncidentState.Fixing, incident.State);
    }

    [Theory]
    [InlineData(IncidentState.Cancelled, "INC-0 is Cancelled; \"Change severity\" is not possible now. Nothing more can happen to it.")]
    [InlineData(IncidentState.Closed, "INC-0 is Closed; \"Change severity\" is not possible now. Nothing more can happen to it.")]
    public void ChangeSeverity_OnAFinishedIncident_IsRefusedNamingStateAndStep(IncidentState state, string message)
    {
        var incident = InState(state);

        var error = Assert.Throws<IncidentRuleException>(() => incident.ChangeSeverity(IncidentBot.Domain.Severity.P0, "U2", T0));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void PostUpdate_OnAResolvedIncident_IsRefusedWithTheReopenCommand()
    {
        var error = Assert.Throws<IncidentRuleException>(() => InState(IncidentState.Resolved).PostUpdate("more", "U2", T0));

        Assert.Equal("INC-0 is Resolved; \"Post update\" is not possible now. Possible now: Reopen (`/incident reopen INC-0`), Close (`/incident close INC-0`).", error.Message);
    }

    [Fact]
    public void Snooze_OnAResolvedIncident_IsRefused()
    {
        var error = Assert.Throws<IncidentRuleException>(() => InState(IncidentState.Resolved).Snooze(TimeSpan.FromMinutes(30), "U2", T0));

        Assert.StartsWith("INC-0 is Resolved; \"Snooze reminders\" is not possible now.", error.Message);
    }

    [Fact]
    public void RecordPostmortem_BeforeResolution_IsRefused()
    {
        var error = Assert.Throws<IncidentRuleException>(() => InState(IncidentState.Fixing).CompletePostmortem("https://wiki/pm", "U2", T0));

        Assert.Equal("INC-0 is Fixing; \"Record the postmortem\" is not possible now. Possible now: Start verifying (`/incident verify INC-0`), Resolve (`/incident resolve INC-0`), Cancel (`/incident cancel INC-0`).", error.Message);
    }

    [Fact]
    public void ActionItems_OnACancelledIncident_AreRefused()
    {
        var incident = InState(IncidentState.Cancelled);

        Assert.Equal("INC-0 is Cancelled; \"Add an action item\" is not possible now. Nothing more can happen to it.", incident.WhyNot(IncidentTrigger.AddActionItem));
        Assert.NotNull(incident.WhyNot(IncidentTrigger.CompleteActionItem));
    }

    [Fact]
    public void Close_WithAPostmortemOwed_NamesTheGuard()
    {
        var incident = InState(IncidentState.Resolved, postmortem: true);

        Assert.Equal(
            "INC-0 is Resolved; \"Close\" is not possible now (postmortem done or not required is required first). Possible now: Reopen (`/incident reopen INC-0`).",
            incident.WhyNot(IncidentTrigger.Close));
        Assert.Equal([IncidentTrigger.Reopen], incident.PermittedSteps);
    }

    [Fact]
    public void Resolve_FromOpen_RecordsThatTheResolverTookTheIncident_SoMttaIsTheTimeToResolution()
    {
        var incident = Incident.Declare("typo in a P3 dashboard label", IncidentBot.Domain.Severity.P3, Category.DataQuality, "U1", "#c", T0);

        incident.Resolve(new Resolution("label fixed", null, null, null, null, null, PostmortemNeeded: false), "U1", T0.AddMinutes(12));

        Assert.Equal(IncidentState.Resolved, incident.State);
        Assert.Equal("U1", incident.AcknowledgedBy);
        Assert.Equal(T0.AddMinutes(12), incident.AcknowledgedAt);
        Assert.Equal(incident.ResolvedAt - incident.DetectedAt, incident.AcknowledgedAt - incident.DetectedAt);
        var took = incident.PendingTimeline[^2];
        Assert.Equal((TimelineKind.Acknowledged, "U1", "Took the incident to resolve it"), (took.Kind, took.Actor, took.Text));
        Assert.Equal(TimelineKind.Resolved, incident.PendingTimeline[^1].Kind);
    }

    [Fact]
    public void Fire_OfATriggerThatIsNoStep_IsAProgrammingError() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => InState(IncidentState.Investigating).Fire(IncidentTrigger.PostUpdate, "U2", T0));

    internal static Incident InState(IncidentState state, bool postmortem = false)
    {
        var incident = Incident.Declare("orders mart stale", IncidentBot.Domain.Severity.P2, Category.StaleData, "U1", "#data-incidents", T0);
        if (state == IncidentState.Open)
        {
            return incident;
        }
        if (state == IncidentState.Cancelled)
        {
            incident.CancelIncident("U2", T0, "false alarm");
            return incident;
        }
        incident.Acknowledge("U2", T0);
        if (state is IncidentState.Fixing or IncidentState.Verifying)
        {
            incident.Fire(IncidentTrigger.StartFix, "U2", T0);
        }
        if (state == IncidentState.Verifying)
        {
            incident.Fire(IncidentTrigger.StartVerify, "U2", T0);
        }
        if (state is IncidentState.Resolved or IncidentState.Closed)
        {
            incident.Resolve(new Resolution("marts rebuilt", null, null, null, null, null, postmortem), "U2", T0);
        }
        if (state == IncidentState.Closed)
        {
            incident.Fire(IncidentTrigger.Close, "U2", T0);
        }
        return incident;
    }
}
