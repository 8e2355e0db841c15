using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Configuration;
using IncidentBot.Domain;
using IncidentBot.Domain.Policy;
using IncidentBot.Domain.Ports;
using IncidentBot.Incidents;
using IncidentBot.Messages;
using IncidentBot.Tests.Domain;
using NSubstitute;

namespace IncidentBot.Tests.Messages;

/// <summary>
/// Every message rendered from the shipped templates, in each state it can be posted in, compared
/// with the files in <c>Messages/Golden/</c> (<c>UPDATE_GOLDEN=1</c> rewrites them). The incident is
/// the STAT6 replay: stale revenue marts because the orchestrator ran <c>--select staging.*</c>.
/// </summary>
public class GoldenRenderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 12, 9, 0, 0, TimeSpan.Zero);

    private static readonly EscalationRule[] Rules =
    [
        new("Backup on-call", EscalationCondition.NotAcknowledged, TimeSpan.FromMinutes(15), [], "<!subteam^S0BACKUP|@data-backup>"),
        new("Engineering manager", EscalationCondition.NoUpdate, TimeSpan.FromSeconds(110), [], "<!subteam^S0EM|@eng-managers>"),
        new("VP Engineering", EscalationCondition.Unresolved, TimeSpan.FromHours(1), [], "<@U0VP>"),
    ];

    private static readonly MessageTemplates Templates = new(Path.Combine(IncidentLifecycleTests.RepositoryRoot(), "templates"));

    private static IncidentMessages Messages() =>
        new(Templates, UpdateCadence.Default, new IncidentsOptions { PublicUrl = "https://incidentbot.example.com" });

    public static TheoryData<IncidentState> AllStates => new(Enum.GetValues<IncidentState>());

    public static TheoryData<IncidentState> ActiveStates => new(IncidentState.Open, IncidentState.Investigating, IncidentState.Fixing, IncidentState.Verifying);

    [Theory]
    [MemberData(nameof(AllStates))]
    public void Headline(IncidentState state) =>
        AssertGolden($"headline.{state}", Texts(Messages().Headline(Stat6(state), T0.AddMinutes(30))));

    [Theory]
    [MemberData(nameof(ActiveStates))]
    public void Reminder(IncidentState state) =>
        AssertGolden($"reminder.{state}", Texts(Messages().Reminder(Stat6(state), T0.AddHours(2))));

    [Theory]
    [MemberData(nameof(ActiveStates))]
    public void Escalations(IncidentState state)
    {
        var incident = Stat6(state);
        var rules = Rules.Where(r => r.When != EscalationCondition.NotAcknowledged || state == IncidentState.Open);
        AssertGolden($"escalations.{state}", string.Join("\n---\n", rules.Select(r => Texts(Messages().Escalation(incident, r)))));
    }

    [Theory]
    [MemberData(nameof(ActiveStates))]
    public void Impact(IncidentState state) =>
        AssertGolden($"impact.{state}", Texts(Messages().Impact(Stat6(state), ImpactFlags.Revenue, "<!subteam^S0FIN|@finance>")));

    /// <summary>The update as each state is reached; the quick one that found the cause says nothing about fields it did not touch.</summary>
    [Theory]
    [MemberData(nameof(ActiveStates))]
    public void Update(IncidentState state)
    {
        var incident = Stat6(state);
        var before = UpdateFields.Of(incident);
        var (text, fix, eta, rootCause) = state switch
        {
            IncidentState.Open => ("looking at the dbt logs", (FixStatus?)null, (string?)null, (bool?)null),
            IncidentState.Investigating => ("found it: the orchestrator runs `--select staging.*`", null, null, null),
            IncidentState.Fixing => ("command corrected, full run started", FixStatus.InProgress, "10:30", true),
            _ => ("marts rebuilt, checking the numbers", FixStatus.Applied, null, null),
        };
        incident.PostUpdate(text, "U0BOB", T0.AddMinutes(40), fix, eta, rootCause);

        AssertGolden($"update.{state}", Texts(Messages().Update(incident, "U0BOB", text, T0.AddMinutes(40), before)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Resolution(bool full)
    {
        var incident = Stat6(IncidentState.Resolved, full);
        var messages = Messages();
        var model = new ResolutionModel
        {
            Reference = incident.Reference,
            Severity = incident.Severity.Code(),
            Title = incident.Title,
            ResolvedBy = "U0BOB",
            Summary = incident.ResolutionSummary!,
            RootCause = incident.RootCause,
            FixApplied = incident.FixApplied,
            VerifiedAt = incident.VerifiedAt,
            HowVerified = incident.HowVerified,
            DataState = incident.DataState ?? "not stated",
            DataComplete = full,
            Duration = SlackTime.Duration(incident.ResolvedAt!.Value - incident.DetectedAt),
            PostmortemDue = incident.PostmortemDueAt,
            PostmortemUrl = messages.PostmortemUrl(incident.Reference),
        };

        AssertGolden($"resolution.{(full ? "Resolved" : "Resolved-quick")}", Texts(messages.Resolution(model)));
    }

    /// <summary>The notes as each state is reached: the transition names the new state once.</summary>
    [Theory]
    [MemberData(nameof(AllStates))]
    public void LifecycleNotes(IncidentState state)
    {
        var messages = Messages();
        var note = new LifecycleNoteModel { Reference = "INC-6", By = "U0BOB" };
        var text = state switch
        {
            IncidentState.Open => Texts(messages.LifecycleNote(MessageTemplates.SeverityChanged, note with
            {
                From = "P2", To = "P1", ToLabel = "High", Emoji = Severity.P1.Emoji(), Meaning = Severity.P1.Meaning(),
            })),
            IncidentState.Investigating => Texts(messages.LifecycleNote(MessageTemplates.Acknowledged, note)),
            IncidentState.Cancelled => Texts(messages.LifecycleNote(MessageTemplates.Cancelled, note with { DuplicateOf = "INC-5" })),
            IncidentState.Fixing => Texts(messages.LifecycleNote(MessageTemplates.Transition, note with { From = "Investigating", To = "Fixing" })),
            IncidentState.Verifying => Texts(messages.LifecycleNote(MessageTemplates.Transition, note with { From = "Fixing", To = "Verifying", Note = "backfill done" })),
            IncidentState.Resolved => Texts(messages.LifecycleNote(MessageTemplates.Transition, note with { From = "Verifying", To = "Resolved" })),
            _ => Texts(messages.LifecycleNote(MessageTemplates.Transition, note with { From = "Resolved", To = "Closed" })),
        };
        AssertGolden($"notes.{state}", text);
    }

    /// <summary>The notes after the resolution: the postmortem recorded (Closed) and an action item added, done and overdue.</summary>
    [Fact]
    public void FollowUpNotes()
    {
        var messages = Messages();
        var item = new ActionItemModel { Reference = "INC-6", Id = 1, Owner = "U0BOB", Due = "2026-02-20", Text = "Alert when a dbt run selects no marts", By = "U0ALICE" };
        AssertGolden("notes.follow-up", string.Join("\n---\n",
            Texts(messages.LifecycleNote(MessageTemplates.PostmortemRecorded, new LifecycleNoteModel { Reference = "INC-6", By = "U0BOB", Note = "https://wiki.example.com/pm/stat6" })),
            Texts(messages.ActionItemNote(MessageTemplates.ActionItemAdded, item)),
            Texts(messages.ActionItemNote(MessageTemplates.ActionItemDone, item with { By = "U0BOB" })),
            Texts(messages.ActionItemNote(MessageTemplates.ActionItemOverdue, item))));
    }

    [Fact]
    public void PostmortemReminder() =>
        AssertGolden("postmortem-reminder.Resolved", Texts(Messages().PostmortemReminder(Stat6(IncidentState.Resolved))));

    [Theory]
    [InlineData(IncidentState.Resolved)]
    [InlineData(IncidentState.Closed)]
    public async Task PostmortemDraft(IncidentState state)
    {
        var incident = Stat6(state);
        var store = Substitute.For<IIncidentStore>();
        store.FindAsync(6, Arg.Any<CancellationToken>()).Returns(incident);
        store.GetTimelineAsync(6, Arg.Any<CancellationToken>()).Returns(incident.TakePendingTimeline());
        store.ListActionItemsAsync(6, Arg.Any<CancellationToken>()).Returns(new List<ActionItem>
        {
            new() { Id = 1, IncidentNumber = 6, Owner = "U0BOB", DueDate = new DateOnly(2026, 2, 20), Text = "Alert when a dbt run selects no marts", CreatedBy = "U0BOB" },
        });
        var drafts = new PostmortemDrafts(store, Templates, new IncidentPolicy(UpdateCadence.Default, Rules), new FixedTime(T0.AddHours(3)), Microsoft.Extensions.Options.Options.Create(new IncidentBot.Configuration.IncidentsOptions()));

        AssertGolden($"postmortem.{state}", (await drafts.RenderAsync(6, CancellationToken.None))!);
    }

    /// <summary>The STAT6 incident, walked to <paramref name="state"/> the way people walked it.</summary>
    internal static Incident Stat6(IncidentState state, bool fullResolution = true)
    {
        var incident = Incident.Declare("Revenue dashboard shows data as of Feb 8", Severity.P1, Category.StaleData, "U0ALICE", "#data-incidents", T0,
            affectedAssets: "marts.fct_revenue, Revenue dashboard");
        incident.AssignNumber(6);
        if (state == IncidentState.Open)
        {
            return incident;
        }
        if (state == IncidentState.Cancelled)
        {
            incident.CancelIncident("U0ALICE", T0.AddMinutes(5), "false alarm: the dashboard cache");
            return incident;
        }
        incident.Acknowledge("U0BOB", T0.AddMinutes(3));
        if (state is IncidentState.Fixing or IncidentState.Verifying)
        {
            incident.PostUpdate("found it: the orchestrator runs `--select staging.*`", "U0BOB", T0.AddMinutes(12), FixStatus.InProgress, rootCauseIdentified: true);
        }
        if (state == IncidentState.Verifying)
        {
            incident.Fire(IncidentTrigger.StartVerify, "U0BOB", T0.AddMinutes(25));
        }
        if (state is IncidentState.Resolved or IncidentState.Closed)
        {
            incident.Resolve(fullResolution
                ? new Resolution("Marts were not refreshed for 60 hours", "The orchestrator ran `dbt run --select staging.*`", "Command corrected, marts rebuilt", T0.AddMinutes(45), "freshness test green", "fresh and accurate", true)
                : new Resolution("Marts rebuilt", null, null, null, null, null, true), "U0BOB", T0.AddMinutes(50));
        }
        if (state == IncidentState.Closed)
        {
            incident.CompletePostmortem("https://wiki.example.com/pm/stat6", "U0BOB", T0.AddDays(1));
        }
        return incident;
    }

    /// <summary>What a reader sees: every text in the blocks, then the buttons.</summary>
    private static string Texts(SlackMessage message)
    {
        var text = new StringBuilder();
        foreach (var block in message.Blocks.OfType<JsonObject>())
        {
            if (block["text"]?["text"] is { } t)
            {
                text.Append(t.GetValue<string>()).Append("\n\n");
            }
            foreach (var element in block["elements"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                text.Append((string?)block["type"] == "context"
                    ? (string?)element["text"]
                    : $"[{(string?)element["text"]?["text"] ?? (string?)element["placeholder"]?["text"]}] ");
            }
            if (block["elements"] is not null)
            {
                text.Append("\n\n");
            }
        }
        return text.ToString().TrimEnd() + "\n";
    }

    private static void AssertGolden(string name, string actual)
    {
        var path = Path.Combine(IncidentLifecycleTests.RepositoryRoot(), "tests", "IncidentBot.Tests", "Messages", "Golden", name + ".txt");
        actual = actual.TrimEnd() + "\n";
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"No golden file {path}; run with UPDATE_GOLDEN=1 to write it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
