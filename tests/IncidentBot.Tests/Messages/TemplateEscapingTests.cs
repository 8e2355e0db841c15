using IncidentBot.Messages;
using IncidentBot.Tests.Domain;

namespace IncidentBot.Tests.Messages;

/// <summary>
/// For every template and every field a person can type, text that would ping, link or run
/// template code comes out as text: <c>&lt;!channel&gt;</c>, <c>&lt;@U123&gt;</c>, <c>&amp;</c>,
/// <c>&lt;https://x|y&gt;</c> and <c>{{ 7*6 }}</c> are shown, never acted on.
/// </summary>
public class TemplateEscapingTests
{
    private const string Typed = "<!channel> <@U123> & <https://x|y> {{ 7*6 }}";
    private const string AsMrkdwnText = "&lt;!channel&gt; &lt;@U123&gt; &amp; &lt;https://x|y&gt; {{ 7*6 }}";
    private const string AsMarkdownText = "&lt;!channel&gt; &lt;@U123&gt; &amp; &lt;https://x\\|y&gt; {{ 7*6 }}";

    private static readonly MessageTemplates Templates = new(Path.Combine(IncidentLifecycleTests.RepositoryRoot(), "templates"));

    public static TheoryData<string, string> Fields
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (template, name) in Cases.Keys)
            {
                data.Add(template, name);
            }
            return data;
        }
    }

    private static readonly Dictionary<(string Template, string Field), Func<string, object>> Cases = new()
    {
        [(MessageTemplates.Headline, "Title")] = t => SampleModels.Headline with { Title = t },
        [(MessageTemplates.Headline, "Affected")] = t => SampleModels.Headline with { Affected = t },
        [(MessageTemplates.Headline, "LatestUpdate")] = t => SampleModels.Headline with { LatestUpdate = t },
        [(MessageTemplates.Headline, "Eta")] = t => SampleModels.Headline with { Eta = t },
        [(MessageTemplates.Headline, "Owner")] = t => SampleModels.Headline with { Owner = t },
        [(MessageTemplates.Headline, "DetectedBy")] = t => SampleModels.Headline with { DetectedBy = t },
        [(MessageTemplates.BlastRadius, "Affected")] = t => SampleModels.BlastRadius with { Affected = [t] },
        [(MessageTemplates.BlastRadius, "Unknown")] = t => SampleModels.BlastRadius with { Unknown = [t] },
        [(MessageTemplates.BlastRadius, "Models")] = t => SampleModels.BlastRadius with { Models = [t] },
        [(MessageTemplates.BlastRadius, "Dashboards")] = t => SampleModels.BlastRadius with { Dashboards = [new DashboardRow(t, t, t, t)] },
        [(MessageTemplates.BlastRadius, "Impact")] = t => SampleModels.BlastRadius with { Impact = [t] },
        [(MessageTemplates.BlastRadius, "Owners")] = t => SampleModels.BlastRadius with { Owners = [t] },
        [(MessageTemplates.Headline, "Downstream")] = t => SampleModels.Headline with { Downstream = t },
        [(MessageTemplates.Headline, "DownstreamDashboards")] = t => SampleModels.Headline with { DownstreamDashboards = t },
        [(MessageTemplates.AlertCheck, "Title")] = t => SampleModels.AlertCheck with { Title = t },
        [(MessageTemplates.AlertCheck, "Source")] = t => SampleModels.AlertCheck with { Source = t },
        [(MessageTemplates.AlertCheck, "Details")] = t => SampleModels.AlertCheck with { Details = t },
        [(MessageTemplates.AlertCheck, "Url")] = t => SampleModels.AlertCheck with { Url = t },
        [(MessageTemplates.Update, "Text")] = t => SampleModels.Update with { Text = t },
        [(MessageTemplates.Update, "Eta")] = t => SampleModels.Update with { Eta = t },
        [(MessageTemplates.Update, "Affected")] = t => SampleModels.Update with { Affected = t },
        [(MessageTemplates.Update, "Author")] = t => SampleModels.Update with { Author = t },
        [(MessageTemplates.Reminder, "Owner")] = t => SampleModels.Reminder with { Owner = t },
        [(MessageTemplates.EscalationNotAcknowledged, "Title")] = t => SampleModels.Escalation with { Title = t },
        [(MessageTemplates.EscalationNotAcknowledged, "Owner")] = t => SampleModels.Escalation with { Owner = t },
        [(MessageTemplates.EscalationNoUpdate, "Title")] = t => SampleModels.Escalation with { Title = t },
        [(MessageTemplates.EscalationNoUpdate, "Owner")] = t => SampleModels.Escalation with { Owner = t },
        [(MessageTemplates.EscalationUnresolved, "Title")] = t => SampleModels.Escalation with { Title = t },
        [(MessageTemplates.EscalationUnresolved, "Owner")] = t => SampleModels.Escalation with { Owner = t },
        [(MessageTemplates.Impact, "Impact")] = t => SampleModels.Impact with { Impact = t },
        [(MessageTemplates.WatchFailing, "Name")] = t => SampleModels.WatchFailing with { Name = t },
        [(MessageTemplates.WatchFailing, "Error")] = t => SampleModels.WatchFailing with { Error = t },
        [(MessageTemplates.Resolution, "Summary")] = t => SampleModels.Resolution with { Summary = t },
        [(MessageTemplates.Resolution, "RootCause")] = t => SampleModels.Resolution with { RootCause = t },
        [(MessageTemplates.Resolution, "FixApplied")] = t => SampleModels.Resolution with { FixApplied = t },
        [(MessageTemplates.Resolution, "HowVerified")] = t => SampleModels.Resolution with { HowVerified = t },
        [(MessageTemplates.Resolution, "DataState")] = t => SampleModels.Resolution with { DataState = t },
        [(MessageTemplates.Resolution, "ResolvedBy")] = t => SampleModels.Resolution with { ResolvedBy = t },
        [(MessageTemplates.Resolution, "PostmortemUrl")] = t => SampleModels.Resolution with { PostmortemUrl = t },
        [(MessageTemplates.PostmortemReminder, "Owner")] = t => SampleModels.PostmortemReminder with { Owner = t },
        [(MessageTemplates.PostmortemReminder, "PostmortemUrl")] = t => SampleModels.PostmortemReminder with { PostmortemUrl = t },
        [(MessageTemplates.Acknowledged, "By")] = t => SampleModels.LifecycleNote with { By = t },
        [(MessageTemplates.Transition, "Note")] = t => SampleModels.LifecycleNote with { Note = t },
        [(MessageTemplates.Transition, "By")] = t => SampleModels.LifecycleNote with { By = t },
        [(MessageTemplates.SeverityChanged, "By")] = t => SampleModels.LifecycleNote with { By = t },
        [(MessageTemplates.Cancelled, "Note")] = t => SampleModels.LifecycleNote with { Note = t, DuplicateOf = null },
        [(MessageTemplates.Cancelled, "By")] = t => SampleModels.LifecycleNote with { By = t },
        [(MessageTemplates.PostmortemRecorded, "Note")] = t => SampleModels.LifecycleNote with { Note = t },
        [(MessageTemplates.PostmortemRecorded, "By")] = t => SampleModels.LifecycleNote with { By = t },
        [(MessageTemplates.ActionItemAdded, "Text")] = t => SampleModels.ActionItem with { Text = t },
        [(MessageTemplates.ActionItemAdded, "Owner")] = t => SampleModels.ActionItem with { Owner = t },
        [(MessageTemplates.ActionItemAdded, "By")] = t => SampleModels.ActionItem with { By = t },
        [(MessageTemplates.ActionItemDone, "Text")] = t => SampleModels.ActionItem with { Text = t },
        [(MessageTemplates.ActionItemDone, "By")] = t => SampleModels.ActionItem with { By = t },
        [(MessageTemplates.ActionItemOverdue, "Text")] = t => SampleModels.ActionItem with { Text = t },
        [(MessageTemplates.ActionItemOverdue, "Owner")] = t => SampleModels.ActionItem with { Owner = t },
        [(MessageTemplates.Postmortem, "Title")] = t => SampleModels.Postmortem with { Title = t },
        [(MessageTemplates.Postmortem, "Summary")] = t => SampleModels.Postmortem with { Summary = t },
        [(MessageTemplates.Postmortem, "RootCause")] = t => SampleModels.Postmortem with { RootCause = t },
        [(MessageTemplates.Postmortem, "FixApplied")] = t => SampleModels.Postmortem with { FixApplied = t },
        [(MessageTemplates.Postmortem, "Affected")] = t => SampleModels.Postmortem with { Affected = t },
        [(MessageTemplates.Postmortem, "DataState")] = t => SampleModels.Postmortem with { DataState = t },
        [(MessageTemplates.Postmortem, "HowVerified")] = t => SampleModels.Postmortem with { HowVerified = t },
        [(MessageTemplates.Postmortem, "Author")] = t => SampleModels.Postmortem with { Author = t },
        [(MessageTemplates.Postmortem, "Timeline.Event")] = t => SampleModels.Postmortem with { Timeline = [new PostmortemTimelineRow(DateTimeOffset.UnixEpoch, "@U1", t)] },
        [(MessageTemplates.Postmortem, "ActionItems.Text")] = t => SampleModels.Postmortem with { ActionItems = [new PostmortemActionRow(1, t, "U1", "2026-02-20", "Open")] },
        [(MessageTemplates.Postmortem, "ActionItems.Owner")] = t => SampleModels.Postmortem with { ActionItems = [new PostmortemActionRow(1, "x", t, "2026-02-20", "Open")] },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void TypedText_ComesOutLiterally(string template, string field)
    {
        var rendered = Templates.Render(template, Cases[(template, field)](Typed));

        Assert.Contains(MessageTemplates.FlavorOf(template) == TemplateFlavor.Markdown ? AsMarkdownText : AsMrkdwnText, rendered);
        Assert.DoesNotContain("<!channel>", rendered);
        Assert.DoesNotContain("<@U123>", rendered);
        Assert.DoesNotContain("<https://x", rendered);
        Assert.DoesNotContain("42", rendered);
    }

    [Fact]
    public void EveryTemplate_HasItsTypedFieldsChecked() =>
        Assert.Equal(SampleModels.All.Keys.Order(), Cases.Keys.Select(k => k.Template).Distinct().Order());

    [Fact]
    public void ConfiguredTargets_AreWrittenAsConfigured_SoTheGroupIsPinged()
    {
        var rendered = Templates.Render(MessageTemplates.EscalationNoUpdate, SampleModels.Escalation);

        Assert.Contains("*Escalation (Engineering manager)*: <!subteam^S000000|@eng-managers>, INC-1", rendered);
        Assert.Contains("Owner: <@U000000>.", rendered);
    }
}
