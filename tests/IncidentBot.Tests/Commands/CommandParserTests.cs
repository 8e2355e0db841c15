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
    [InlineData("resolve INC-2", IncidentTrigger.Resolve)]
    [InlineData("cancel INC-2 duplicate of INC-1", IncidentTrigger.Cancel)]
    [InlineData("fix INC-2", IncidentTrigger.StartFix)]
    [InlineData("reopen INC-2", IncidentTrigger.Reopen)]
    public void Parse_LifecycleVerbs_MapToTriggers(string text, IncidentTrigger trigger)
    {
        var transition = Assert.IsType<ParsedCommand.Transition>(CommandParser.Parse(text));

        Assert.Equal(2, transition.Number);
        Assert.Equal(trigger, transition.Trigger);
    }

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
