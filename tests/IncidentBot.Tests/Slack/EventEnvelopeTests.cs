using IncidentBot.Slack;

namespace IncidentBot.Tests.Slack;

public sealed class EventEnvelopeTests
{
    [Fact]
    public void Parse_UrlVerification_ReadsTheChallenge()
    {
        var envelope = EventEnvelope.Parse(SlackFixtures.Text("url_verification.json"));

        Assert.NotNull(envelope);
        Assert.Equal("url_verification", envelope.Type);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", envelope.Challenge);
        Assert.Equal("Jhj5dZrVaK7ZwHHjRyZWjbDl", envelope.Token);
        Assert.Null(envelope.Event);
    }

    [Fact]
    public void Parse_AppMention_ReadsTheEnvelopeAndTheEvent()
    {
        var envelope = EventEnvelope.Parse(SlackFixtures.Text("event_callback_app_mention.json"));

        Assert.NotNull(envelope);
        Assert.Equal("event_callback", envelope.Type);
        Assert.Equal("XXXXXXXXX", envelope.TeamId);
        Assert.Equal("TvBP7LRED7", envelope.EventId);
        Assert.Equal(1531431954L, envelope.EventTime);
        var e = envelope.Event!;
        Assert.Equal("app_mention", e.Type);
        Assert.Equal("AAAAAAAAA", e.User);
        Assert.Equal("<@EEEEEEEEE> hello world", e.Text);
        Assert.Equal("TTTTTTTTT", e.Channel);
        Assert.Equal("1531431954.000073", e.Ts);
        Assert.Equal("1531431954.000073", e.EventTs);
    }

    [Fact]
    public void Parse_ReactionAdded_ReadsTheReactedItem()
    {
        // Shape of reaction_added as documented on docs.slack.dev/reference/events/reaction_added.
        const string json = """
            {"type":"event_callback","team_id":"T1","event_id":"Ev1","event_time":1700000001,
             "event":{"type":"reaction_added","user":"U1","reaction":"white_check_mark","item_user":"U2",
                      "item":{"type":"message","channel":"C1","ts":"1700000000.000100"},"event_ts":"1700000001.000200"}}
            """;

        var e = EventEnvelope.Parse(json)!.Event!;

        Assert.Equal("reaction_added", e.Type);
        Assert.Equal("white_check_mark", e.Reaction);
        Assert.Equal("C1", e.ItemChannel);
        Assert.Equal("1700000000.000100", e.ItemTs);
        Assert.Null(e.Channel);
    }

    [Fact]
    public void Parse_EventWithAUserObject_ReadsUserAsNull()
    {
        var envelope = EventEnvelope.Parse("""{"type":"event_callback","event":{"type":"user_change","user":{"id":"U1"}},"event_time":"oops"}""");

        Assert.Null(envelope!.Event!.User);
        Assert.Null(envelope.EventTime);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"type\":")]
    public void Parse_WhenTheBodyIsNotAJsonObject_ReturnsNull(string? json)
    {
        Assert.Null(EventEnvelope.Parse(json));
    }

    [Fact]
    public void TryParse_WhenTheJsonIsMalformed_SaysWhy()
    {
        Assert.False(EventEnvelope.TryParse("{\"type\":", out _, out var error));
        Assert.Contains("malformed", error);
    }
}
