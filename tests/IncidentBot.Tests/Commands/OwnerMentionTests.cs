using IncidentBot.Commands;
using IncidentBot.Configuration;
using IncidentBot.Slack;

namespace IncidentBot.Tests.Commands;

public class OwnerMentionTests
{
    [Theory]
    [InlineData("<@U0MAYA|maya>", "U0MAYA")]
    [InlineData("<@W0MAYA>", "W0MAYA")]
    [InlineData("<!subteam^S0123|@data-platform>", "S0123")]
    [InlineData("<!subteam^S0123>", "S0123")]
    public void TryParseOwner_APersonOrAUserGroup_GivesItsId(string text, string id)
    {
        Assert.True(Mentions.TryParseOwner(text, out var owner));
        Assert.Equal(id, owner);
    }

    [Theory]
    [InlineData("@maya")]
    [InlineData("<!channel>")]
    [InlineData("<!here|here>")]
    [InlineData("<#C0123|data>")]
    [InlineData("<!subteam^s0123>")]
    public void TryParseOwner_AnythingElse_IsRefused(string text) =>
        Assert.False(Mentions.TryParseOwner(text, out _));

    [Fact]
    public void User_OfAUserGroupId_MentionsTheGroup() =>
        Assert.Equal("<!subteam^S0123>", Mrkdwn.User("S0123"));

    [Fact]
    public void ActionAdd_OwnedByAUserGroup_IsAccepted() =>
        Assert.Equal(
            new ParsedCommand.ActionAdd(4, "S0123", new DateOnly(2026, 12, 11), "add a freshness check"),
            CommandParser.Parse("action INC-4 add <!subteam^S0123|@data-platform> friday add a freshness check", new DateOnly(2026, 12, 7)));

    [Fact]
    public void ActionAdd_WithAnUnknownDueDate_ListsTheFormsPeopleWrite()
    {
        var invalid = Assert.IsType<ParsedCommand.Invalid>(CommandParser.Parse("action INC-4 add <@U1|maya> someday backfill", new DateOnly(2026, 12, 7)));

        Assert.Equal("`someday` is not a due date. Use 2026-12-14, today, eod, tomorrow, eow, friday, next monday, in 3 days, in 2 weeks, +3d or +2w.", invalid.Message);
    }

    [Fact]
    public void Today_IsTheDayInTheWorkspacesTimeZone()
    {
        var lateEvening = new DateTimeOffset(2026, 12, 7, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 12, 8), new IncidentsOptions { TimeZone = "Europe/Berlin" }.Today(lateEvening));
        Assert.Equal(new DateOnly(2026, 12, 7), new IncidentsOptions().Today(lateEvening));
    }
}
