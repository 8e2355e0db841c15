using IncidentBot.Domain;
using IncidentBot.Domain.Policy;
using IncidentBot.Messages;
using IncidentBot.Tests.Domain;

namespace IncidentBot.Tests.Messages;

/// <summary>JSON as Slack decodes it: System.Text.Json's default escapes &lt; as \u003C, which would hide what a reader sees.</summary>
internal static class Json
{
    public static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

public class MessageTemplatesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 12, 9, 0, 0, TimeSpan.Zero);

    private static string TemplatesDirectory => Path.Combine(IncidentLifecycleTests.RepositoryRoot(), "templates");

    private static DirectoryInfo CopyOfTemplates()
    {
        var dir = Directory.CreateTempSubdirectory();
        foreach (var file in Directory.GetFiles(TemplatesDirectory, "*" + MessageTemplates.Extension))
        {
            File.Copy(file, Path.Combine(dir.FullName, Path.GetFileName(file)));
        }
        return dir;
    }

    private static IncidentMessages Messages() => new(new MessageTemplates(TemplatesDirectory), UpdateCadence.Default);

    [Theory]
    [InlineData(true, true, "Verified: the affected tables and dashboards can be trusted again.")]
    [InlineData(true, false, "Verified, but the data is partially correct: check it before relying on the affected tables and dashboards.")]
    [InlineData(false, true, "Not verified yet: treat the affected tables and dashboards with care until someone confirms them.")]
    public void Resolution_SaysWhetherTheDataCanBeTrusted_OnlyAsFarAsTheResolutionSays(bool verified, bool complete, string closing)
    {
        var model = SampleModels.Resolution with
        {
            VerifiedAt = verified ? T0 : null,
            HowVerified = verified ? "freshness test green" : null,
            DataState = complete ? "fresh and accurate" : "partially correct",
            DataComplete = complete,
        };

        var text = Messages().Resolution(model).Blocks.ToJsonString(Json.Relaxed);

        Assert.Contains(closing, text);
        Assert.Equal(verified && complete, text.Contains("can be trusted again", StringComparison.Ordinal));
    }

    [Fact]
    public void Headline_CancelButtonAsksBeforeCancelling_AndNoOtherButtonDoes()
    {
        var incident = Incident.Declare("orders mart stale", Severity.P1, Category.StaleData, "U1", "#data-incidents", T0);
        incident.AssignNumber(7);

        var blocks = Messages().Headline(incident, T0).Blocks;
        var buttons = blocks.OfType<System.Text.Json.Nodes.JsonObject>()
            .Where(b => (string?)b["type"] == "actions")
            .SelectMany(b => b["elements"]!.AsArray().OfType<System.Text.Json.Nodes.JsonObject>())
            .Where(e => (string?)e["type"] == "button")
            .ToList();

        var cancel = Assert.Single(buttons, b => (string?)b["action_id"] == "incident-cancel");
        Assert.Equal("Cancel INC-7?", (string?)cancel["confirm"]?["title"]?["text"]);
        Assert.Equal("Cancel the incident", (string?)cancel["confirm"]?["confirm"]?["text"]);
        Assert.Equal("Keep it open", (string?)cancel["confirm"]?["deny"]?["text"]);
        Assert.Equal("danger", (string?)cancel["confirm"]?["style"]);
        Assert.All(buttons.Where(b => b != cancel), b => Assert.Null(b["confirm"]));
    }

    [Fact]
    public void Headline_EscapesUserTextSoNobodyIsPinged()
    {
        var incident = Incident.Declare("<!channel> revenue & <@U999> \"quoted\"", Severity.P1, Category.DataQuality, "U1", "#data-incidents", T0, affectedAssets: "<!here> fct_orders");
        incident.AssignNumber(7);

        var message = Messages().Headline(incident, T0);
        var json = message.Blocks.ToJsonString(Json.Relaxed);

        Assert.DoesNotContain("<!channel>", json);
        Assert.DoesNotContain("<!here>", json);
        Assert.DoesNotContain("<@U999>", json);
        Assert.Contains("&lt;!channel&gt; revenue &amp; &lt;@U999&gt;", json);
        Assert.Contains("\\\"quoted\\\"", json); // quotes stay quotes (JSON-escaped), never &quot;
        Assert.DoesNotContain("&quot;", json);
        Assert.DoesNotContain("<!channel>", message.Text);
    }

    [Fact]
    public void Headline_CarriesTheRunbookFieldsAndTheActions()
    {
        var incident = Incident.Declare("orders mart stale", Severity.P1, Category.StaleData, "U1", "#data-incidents", T0, affectedAssets: "marts.fct_orders");
        incident.AssignNumber(3);

        var message = Messages().Headline(incident, T0);
        var json = message.Blocks.ToJsonString(Json.Relaxed);

        Assert.Contains("INC-3", json);
        Assert.Contains("*DATA INCIDENT -- P1 High*", json);
        Assert.Contains("*Detected at:* <!date^", json);
        Assert.Contains("*Affected systems:* marts.fct_orders", json);
        Assert.Contains("*Owner:* <name:U1>", json);
        Assert.Contains("*Next update:*", json);
        Assert.Contains("Please hold off on using marts.fct_orders", json);
        Assert.Contains("\"action_id\":\"incident-severity\"", json);
        Assert.Contains("\"action_id\":\"incident-acknowledge\"", json);
        Assert.Contains("\"action_id\":\"incident-cancel\"", json);
        Assert.Contains("\"action_id\":\"incident-resolve\"", json); // resolving straight from Open (issue 9)
    }

    [Fact]
    public void Headline_AfterAcknowledge_OffersTheNextStepsOnly()
    {
        var incident = Incident.Declare("orders mart stale", Severity.P1, Category.StaleData, "U1", "#c", T0);
        incident.AssignNumber(3);
        incident.Acknowledge("U2", T0.AddMinutes(1));

        var json = Messages().Headline(incident, T0).Blocks.ToJsonString(Json.Relaxed);

        Assert.DoesNotContain("\"action_id\":\"incident-acknowledge\"", json);
        Assert.Contains("\"action_id\":\"incident-start-fix\"", json);
        Assert.Contains("\"action_id\":\"incident-resolve\"", json);
        Assert.Contains("\"action_id\":\"incident-post-update\"", json);
        Assert.Contains("*Owner:* <name:U2>", json);
    }

    [Fact]
    public void Headline_WithA15000CharacterTitle_StaysWithinSlackLimits()
    {
        var incident = Incident.FromSnapshot(new IncidentSnapshot { Number = 1, Title = new string('t', 15_000), DeclaredBy = "U1", Channel = "#c", DeclaredAt = T0, DetectedAt = T0 });

        var blocks = Messages().Headline(incident, T0).Blocks;

        var header = blocks[0]!["text"]!["text"]!.GetValue<string>();
        Assert.True(header.Length <= 150, $"header is {header.Length}");
        var section = blocks[1]!["text"]!["text"]!.GetValue<string>();
        Assert.True(section.Length <= 3000, $"section is {section.Length}");
    }

    [Fact]
    public void Update_RendersTheStatusUpdateTemplate()
    {
        var incident = Incident.Declare("orders mart stale", Severity.P0, Category.StaleData, "U1", "#c", T0);
        incident.AssignNumber(5);
        incident.Acknowledge("U2", T0);
        incident.PostUpdate("root cause: --select staging.* <!channel>", "U2", T0.AddMinutes(10), FixStatus.InProgress, "11:00", true);

        var message = Messages().Update(incident, "U2", "root cause: --select staging.* <!channel>", T0.AddMinutes(10));
        var json = message.Blocks.ToJsonString(Json.Relaxed);

        Assert.Contains("*UPDATE -- P0 Data Incident INC-5* from <name:U2>", json);
        Assert.Contains("*Root cause:* identified", json);
        Assert.Contains("*Fix status:* in progress", json);
        Assert.Contains("*ETA to resolution:* 11:00", json);
        Assert.Contains("Next update in 30 min", json);
        Assert.Contains("&lt;!channel&gt;", json);
        Assert.DoesNotContain("<!channel>", json);
    }

    [Fact]
    public void Templates_WithAnUnknownField_FailToLoadNamingTheFile()
    {
        var dir = CopyOfTemplates();
        File.WriteAllText(Path.Combine(dir.FullName, "update.scriban"), "{{ titel }}");

        var error = Assert.Throws<TemplateException>(() => new MessageTemplates(dir.FullName));

        Assert.Contains("update.scriban(1,4): ", error.Message);
    }

    [Fact]
    public void Templates_WithSyntaxError_FailToLoadNamingTheFile()
    {
        var dir = CopyOfTemplates();
        File.WriteAllText(Path.Combine(dir.FullName, "headline.scriban"), "line one\n{{ if is_active }} unclosed");

        var error = Assert.Throws<TemplateException>(() => new MessageTemplates(dir.FullName));

        Assert.Contains("headline.scriban(2,", error.Message);
    }

    [Theory]
    [InlineData("{{ for i in 1..100000 }}x{{ end }}", "loop")]
    [InlineData("{{ func f(x); ret f(x); end; f(1) }}", "recursive")]
    [InlineData("{{ include 'headline.scriban' }}", "include")]
    [InlineData("{{ for i in 1..400 }}{{ title | string.pad_right 2000 }}{{ end }}", "more than")]
    public void Templates_ThatLoopRecurseIncludeOrFloodOutput_FailToLoad(string text, string reason)
    {
        var dir = CopyOfTemplates();
        File.WriteAllText(Path.Combine(dir.FullName, "impact.scriban"), "{{ title = 'a long title that repeats and repeats and repeats and repeats' }}" + text);

        var error = Assert.Throws<TemplateException>(() => new MessageTemplates(dir.FullName));

        Assert.Contains("impact.scriban", error.Message);
        Assert.Contains(reason, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Templates_WhenAFileIsMissing_SayWhichOne()
    {
        var dir = Directory.CreateTempSubdirectory();

        var error = Assert.Throws<TemplateException>(() => new MessageTemplates(dir.FullName));

        Assert.Contains("headline.scriban is missing", error.Message);
    }

    [Theory]
    [InlineData(45, "45 s")]
    [InlineData(40 * 60, "40 min")]
    [InlineData(65 * 60, "1 h 5 min")]
    [InlineData(51 * 3600, "2 d 3 h")]
    public void Duration_IsWrittenAsAPersonSaysIt(int seconds, string expected) =>
        Assert.Equal(expected, SlackTime.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(110, "1 min 50 s")]
    [InlineData(15 * 60, "15 min")]
    [InlineData(3630, "1 h 30 s")]
    [InlineData(26 * 3600, "1 d 2 h")]
    public void Exact_KeepsEveryUnitOfAConfiguredSpan(int seconds, string expected) =>
        Assert.Equal(expected, SlackTime.Exact(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Cadence_NextUpdateDue_CountsFromTheLatestUpdate()
    {
        var incident = Incident.Declare("x", Severity.P0, Category.DataLoss, "U1", "#c", T0);
        Assert.Equal(T0.AddMinutes(30), UpdateCadence.Default.NextUpdateDue(incident));
        incident.Acknowledge("U2", T0.AddMinutes(5));
        incident.PostUpdate("y", "U2", T0.AddMinutes(20));
        Assert.Equal(T0.AddMinutes(50), UpdateCadence.Default.NextUpdateDue(incident));
    }
}
