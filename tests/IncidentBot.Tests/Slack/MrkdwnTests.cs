using IncidentBot.Slack;

namespace IncidentBot.Tests.Slack;

public sealed class MrkdwnTests
{
    [Fact]
    public void Escape_WhenTextHasABroadcast_MakesItHarmless()
    {
        Assert.Equal("&lt;!channel&gt; is down", Mrkdwn.Escape("<!channel> is down"));
    }

    [Fact]
    public void Escape_WhenTextIsAlreadyEscaped_EscapesTheAmpersandAgain()
    {
        Assert.Equal("&amp;amp; &amp;lt;", Mrkdwn.Escape("&amp; &lt;"));
    }

    [Fact]
    public void Escape_LeavesQuotesApostrophesAndFormattingUntouched()
    {
        const string text = "\"orders\" isn't *loading* _today_ `sql` ~x~ 'é' 🔥";

        Assert.Equal(text, Mrkdwn.Escape(text));
    }

    [Fact]
    public void Escape_WhenTextIsNull_ReturnsEmpty()
    {
        Assert.Equal("", Mrkdwn.Escape(null));
    }

    [Fact]
    public void Escape_EscapesEveryControlCharacter()
    {
        Assert.Equal("a &amp; b &lt; c &gt; d", Mrkdwn.Escape("a & b < c > d"));
    }

    [Fact]
    public void User_WhenIdIsValid_ReturnsAMention()
    {
        Assert.Equal("<@U123ABC>", Mrkdwn.User("U123ABC"));
    }

    [Theory]
    [InlineData("!channel", "!channel")]
    [InlineData("U1><!here", "U1&gt;&lt;!here")]
    [InlineData("u123", "u123")]
    [InlineData("", "")]
    public void User_WhenIdIsNotASlackId_ReturnsItEscapedAsText(string id, string expected)
    {
        Assert.Equal(expected, Mrkdwn.User(id));
    }

    [Fact]
    public void Truncate_WhenTextFits_ReturnsItUnchanged()
    {
        Assert.Equal("short", Mrkdwn.Truncate("short", 5));
    }

    [Fact]
    public void Truncate_WhenTextIsTooLong_CutsToMaxIncludingTheEllipsis()
    {
        var result = Mrkdwn.Truncate("abcdefghij", 5);

        Assert.Equal("abcd…", result);
        Assert.Equal(5, result.Length);
    }

    [Fact]
    public void Truncate_NeverSplitsASurrogatePair()
    {
        // "ab" + 🔥 (two UTF-16 units) + "cd": a cut at 3 would fall inside the emoji.
        var result = Mrkdwn.Truncate("ab🔥cd", 4);

        Assert.Equal("ab…", result);
        Assert.DoesNotContain(result, char.IsSurrogate);
    }

    [Theory]
    [InlineData("ab👨‍👩‍👧cd", 6)]
    [InlineData("ab🇩🇪cd", 5)]
    [InlineData("abé́cd", 4)]
    [InlineData("ab👍🏽cd", 5)]
    public void Truncate_CutsBetweenTextElements_NeverThroughAnEmojiFlagOrAccent(string text, int max)
    {
        var result = Mrkdwn.Truncate(text, max);

        Assert.Equal("ab…", result);
    }

    [Fact]
    public void Truncate_NeverLeavesHalfAnEscapeBehind()
    {
        var result = Mrkdwn.Truncate("Tom &amp; Jerry", 8);

        Assert.Equal("Tom …", result);
    }

    [Fact]
    public void Truncate_NeverLeavesHalfAMentionBehind()
    {
        var result = Mrkdwn.Truncate("owner <@U123456789> now", 12);

        Assert.Equal("owner …", result);
    }

    [Fact]
    public void Truncate_WhenMaxIsTiny_StillReturnsAtMostMax()
    {
        Assert.Equal("…", Mrkdwn.Truncate("abc", 1));
        Assert.Equal("", Mrkdwn.Truncate("abc", 0));
    }
}
