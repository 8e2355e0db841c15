using IncidentBot.Commands;
using IncidentBot.Domain;

namespace IncidentBot.Tests.Commands;

public class CommandParserTests
{
    [Fact]
    public void Parse_OpenWithSeverityAndTitle_ReturnsInlineOpen()
    {
        var parsed = CommandParser.Parse("open P1 orders mart stale since 06:00");

        Assert.Equal(new ParsedCommand.OpenInline(Severity.P1, null, "orders mart stale since 06:00"), parsed);
    }

    [Fact]
    public void Parse_OpenWithCategoryToken_TakesTheCategory()
    {
        var parsed = CommandParser.Parse("open p0 data-loss fct_orders truncated");

        Assert.Equal(new ParsedCommand.OpenInline(Severity.P0, Category.DataLoss, "fct_orders truncated"), parsed);
    }

    [Fact]
    public void Parse_OpenWithoutText_OpensTheModal() =>
        Assert.IsType<ParsedCommand.OpenModal>(CommandParser.Parse("open"));

    [Fact]
    public void Parse_OpenWithP7_ExplainsTheSeverities()
    {
        var invalid = Assert.IsType<ParsedCommand.Invalid>(CommandParser.Parse("open P7 something"));

        Assert.Contains("`P7` is not a severity", invalid.Message);
        Assert.Contains("P0 (critical)", invalid.Message);
    }

    [Theory]
    [InlineData("P-1")]
    [InlineData("P1.0")]
    [InlineData("p1,5")]
    [InlineData("S1")]
    [InlineData("Sev2")]
    [InlineData("SEV-1")]
    [InlineData("P01")]
    public void Parse_OpenWithAWordThatLooksLikeASeverityButIsNotP0ToP3_IsRefusedWithTheSeverities(string word)
    {
        var invalid = Assert.IsType<ParsedCommand.Invalid>(CommandParser.Parse($"open {word} orders mart stale"));

        Assert.Contains($"`{word}` is not a severity", invalid.Message);
        Assert.Contains("P0 (critical), P1 (high), P2 (medium) or P3 (low)", invalid.Message);
    }

    [Fact]
    public void Parse_OpenWithTheSeverityFirst_KeepsASeverityLookingWordInTheTitle()
    {
        var open = Assert.IsType<ParsedCommand.OpenInline>(CommandParser.Parse("open P2 S3 export bucket empty"));

        Assert.Equal(Severity.P2, open.Severity);
        Assert.Equal("S3 export bucket empty", open.Title);
    }

    [Fact]
    public void Parse_SeverityWithP7_SaysWhatIsAllowed()
    {
        var invalid = Assert.IsType<ParsedCommand.Invalid>(CommandParser.Parse("severity INC-4 P7"));

        Assert.Equal("Severity must be P0, P1, P2 or P3 (got `P7`), e.g. `/incident severity INC-4 P1`.", invalid.Message);
    }

    [Theory]
    [InlineData("update INC-12 backfill running", 12L, "backfill running")]
    [InlineData("update inc-12   multi word text", 12L, "multi word text")]
    [InlineData("update 12 plain number", 12L, "plain number")]
    public void Parse_Update_AcceptsReferenceForms(string text, long number, string update) =>
        Assert.Equal(new ParsedCommand.Update(number, update), CommandParser.Parse(text));

    [Fact]
    public void Parse_UpdateWithoutText_RequestsTheModal() =>
        Assert.Equal(new ParsedCommand.Update(3, null), CommandParser.Parse("update INC-3"));

    [Fact]
    public void Parse_AckWithoutReference_ShowsAnExample()
    {
        var invalid = Assert.IsType<ParsedCommand.Invalid>(CommandParser.Parse("ack"));

        Assert.Equal("`/incident ack` needs an incident reference, e.g. `/incident ack INC-42`.", invalid.Message);
    }

    [Fact]
    public void Parse_UnknownSubcommand_PointsToHelp()
    {
        var invalid = Assert.IsType<ParsedCommand.Invalid>(CommandParser.Parse("frobnicate INC-1"));

        Assert.Equal("I don't know `/incident frobnicate`. Try `/incident help` for the list of commands.", invalid.Message);
    }

    [Fact]
    public void Parse_UnknownSubcommandWithMarkup_EchoesItEscaped()
    {
        var invalid = Assert.IsType<ParsedCommand.Invalid>(CommandParser.Parse("<!channel>"));

        Assert.DoesNotContain("<!channel>", invalid.Message);
        Assert.Contains("&lt;!channel&gt;", invalid.Message);
    }

    [Theory]
    [InlineData("status", null)]
    [InlineData("status INC-9", 9L)]
    public void Parse_Status_WithOrWithoutReference(string text, long? number) =>
        Assert.Equal(new ParsedCommand.Status(number), CommandParser.Parse(text));

    [Theory]
    [InlineData("fix INC-2", IncidentTrigger.StartFix)]
    [InlineData("verify INC-2", IncidentTrigger.StartVerify)]
    [InlineData("reopen INC-2", IncidentTrigger.Reopen)]
    [InlineData("close INC-2", IncidentTrigger.Close)]
    public void Parse_LifecycleVerbs_MapToTriggers(string text, IncidentTrigger trigger)
    {
        var transition = Assert.IsType<ParsedCommand.Transition>(CommandParser.Parse(text));

        Assert.Equal(2, transition.Number);
        Assert.Equal(trigger, transition.Trigger);
    }

    [Fact]
    public void Parse_ResolveWithoutText_AsksForTheForm() =>
        Assert.Equal(new ParsedCommand.Resolve(2, null), CommandParser.Parse("resolve INC-2"));

    [Fact]
    public void Parse_ResolveWithText_ResolvesWithThatSummary() =>
        Assert.Equal(new ParsedCommand.Resolve(2, "marts rebuilt"), CommandParser.Parse("resolve INC-2 marts rebuilt"));

    [Theory]
    [InlineData("cancel INC-2 duplicate of INC-1", null, 1L)]
    [InlineData("cancel INC-2 dup INC-1", null, 1L)]
    [InlineData("cancel INC-2 monitor misfired", "monitor misfired", null)]
    [InlineData("cancel INC-2", null, null)]
    public void Parse_Cancel_ReadsDuplicateOrReason(string text, string? reason, long? duplicateOf) =>
        Assert.Equal(new ParsedCommand.Cancel(2, reason, duplicateOf), CommandParser.Parse(text));

    [Fact]
    public void Parse_PostmortemDone_TakesTheLink() =>
        Assert.Equal(new ParsedCommand.Postmortem(4, "https://wiki/pm/4"), CommandParser.Parse("postmortem INC-4 done <https://wiki/pm/4>"));

    [Fact]
    public void Parse_ActionAdd_ReadsOwnerDueAndText()
    {
        var today = new DateOnly(2026, 11, 22);

        var parsed = CommandParser.Parse("action INC-4 add <@U123ABC|maria> +3d add a freshness check on fct_orders", today);

        Assert.Equal(new ParsedCommand.ActionAdd(4, "U123ABC", new DateOnly(2026, 11, 25), "add a freshness check on fct_orders"), parsed);
    }

    [Fact]
    public void Parse_ActionAddWithoutMention_AsksForOne()
    {
        var invalid = Assert.IsType<ParsedCommand.Invalid>(CommandParser.Parse("action INC-4 add maria 2026-12-01 do it"));

        Assert.Contains("Name the owner with an @mention", invalid.Message);
    }

    [Fact]
    public void Parse_ActionAddWithPastDueDate_SaysSoAndSuggestsAFutureOne()
    {
        var today = new DateOnly(2026, 11, 22);

        var invalid = Assert.IsType<ParsedCommand.Invalid>(CommandParser.Parse("action INC-4 add <@U123ABC|maria> 2025-11-25 backfill", today));

        Assert.Contains("2025-11-25 is in the past (today is 2026-11-22", invalid.Message);
        Assert.Contains("2026-11-29", invalid.Message);
    }

    [Fact]
    public void Parse_ActionAddDueToday_IsAccepted() =>
        Assert.IsType<ParsedCommand.ActionAdd>(CommandParser.Parse("action INC-4 add <@U123ABC|maria> today backfill", new DateOnly(2026, 11, 22)));

    [Fact]
    public void Parse_ActionUsage_ExampleDateIsAWeekAhead()
    {
        var invalid = Assert.IsType<ParsedCommand.Invalid>(CommandParser.Parse("action INC-4 frobnicate", new DateOnly(2026, 11, 22)));

        Assert.Contains("add @owner 2026-11-29", invalid.Message);
    }

    [Theory]
    [InlineData("2026-12-01", 2026, 12, 1)]
    [InlineData("today", 2026, 11, 22)]
    [InlineData("tomorrow", 2026, 11, 23)]
    [InlineData("+2w", 2026, 12, 6)]
    [InlineData("friday", 2026, 11, 27)]
    [InlineData("next monday", 2026, 11, 23)]
    [InlineData("eow", 2026, 11, 27)]
    [InlineData("in 2 weeks", 2026, 12, 6)]
    public void TryParseDue_AcceptsDatesAndRelativeDays(string text, int y, int m, int d)
    {
        Assert.True(CommandParser.TryParseDue(text, new DateOnly(2026, 11, 22), out var due));
        Assert.Equal(new DateOnly(y, m, d), due);
    }

    [Theory]
    [InlineData("list", false)]
    [InlineData("list all", true)]
    public void Parse_List_OpenOrAll(string text, bool all) =>
        Assert.Equal(new ParsedCommand.List(all), CommandParser.Parse(text));

    [Theory]
    [InlineData("stats", 30)]
    [InlineData("stats 7d", 7)]
    [InlineData("stats 90d", 90)]
    public void Parse_Stats_Windows(string text, int days) =>
        Assert.Equal(new ParsedCommand.Stats(days), CommandParser.Parse(text));

    [Fact]
    public void Parse_Impact_ReadsFlags() =>
        Assert.Equal(new ParsedCommand.Impact(3, ImpactFlags.Revenue | ImpactFlags.CustomerFacing), CommandParser.Parse("impact INC-3 revenue customer-facing"));

    [Theory]
    [InlineData("")]
    [InlineData("help")]
    public void Parse_EmptyOrHelp_ReturnsHelp(string text) =>
        Assert.IsType<ParsedCommand.Help>(CommandParser.Parse(text));

    [Theory]
    [InlineData("Row count doubled overnight in fct_orders", Category.DuplicateLoad)]
    [InlineData("Revenue dashboard shows data as of Feb 8", Category.StaleData)]
    [InlineData("source dropped required column customer_id", Category.SchemaBreak)]
    [InlineData("dbt run failed on stg_orders", Category.PipelineFailure)]
    [InlineData("production table truncated during load", Category.DataLoss)]
    [InlineData("revenue column shows negative values", Category.DataQuality)]
    public void CategoryGuess_FromTitle_UsesTheRunbookVocabulary(string title, Category expected) =>
        Assert.Equal(expected, CategoryGuess.FromTitle(title));
}

public class CommandTextTests
{
    [Theory]
    [InlineData("orders &lt; 0 &amp; refunds &gt; 1", "orders < 0 & refunds > 1")]
    [InlineData("ping <@U123ABC|maria> in <#C0DATA|data-eng>", "ping @maria in #data-eng")]
    [InlineData("see <https://dbt.example.com/run/42|run 42>", "see run 42 (https://dbt.example.com/run/42)")]
    [InlineData("see <https://dbt.example.com/run/42>", "see https://dbt.example.com/run/42")]
    [InlineData("<!channel> revenue is wrong", "<!channel> revenue is wrong")]
    public void Readable_TurnsSlackEscapesIntoWhatThePersonTyped(string sent, string readable) =>
        Assert.Equal(readable, IncidentBot.Slack.CommandText.Readable(sent));
}
