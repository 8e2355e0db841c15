using IncidentBot.Pipeline;
using IncidentBot.Slack;
using IncidentBot.SlackApi;
using IncidentBot.SocketMode;

namespace IncidentBot.Tests.SocketMode;

/// <summary>Slack's real Socket Mode frames (slack/payloads/socket_mode_*.json) read as the HTTP entrance would have received them.</summary>
public sealed class SocketEnvelopeTests
{
    private const string Command = """{"envelope_id":"1d3c79ab-0ffb-41f3-a080-d19e85f53649","payload":{"token":"verification-token","team_id":"T111","team_domain":"xxx","channel_id":"C111","channel_name":"random","user_id":"U111","user_name":"testxyz","command":"/incident","text":"open P1 a & b = <!channel>","api_app_id":"A111","response_url":"https://hooks.slack.com/commands/T111/111/xxx","trigger_id":"111.222.xxx"},"type":"slash_commands","accepts_response_payload":true}""";

    private const string Click = """{"envelope_id":"dfb98ec6","payload":{"type":"block_actions","user":{"id":"U111","team_id":"T111"},"team":{"id":"T111"},"trigger_id":"333.444.yyy","actions":[{"action_id":"incident-acknowledge","value":"7","action_ts":"1610198080.300836"}]},"type":"interactive","accepts_response_payload":false}""";

    private const string Event = """{"envelope_id":"ac2cfd40","payload":{"team_id":"T111","api_app_id":"A111","event":{"type":"reaction_added","user":"U222","reaction":"pushpin","item":{"type":"message","channel":"C111","ts":"1610241741.000200"}},"type":"event_callback","event_id":"Ev111","event_time":1610241741},"type":"events_api","accepts_response_payload":false,"retry_attempt":2,"retry_reason":"timeout"}""";

    [Fact]
    public void Hello_AndDisconnect_AreReadWithTheirReason()
    {
        var hello = SocketEnvelope.Parse("""{"type":"hello","num_connections":1,"debug_info":{"host":"applink-xxx-yyy"},"connection_info":{"app_id":"A111"}}""");
        var disconnect = SocketEnvelope.Parse("""{"type":"disconnect","reason":"too_many_websockets","num_connections":2}""");

        Assert.Equal("hello", hello?.Type);
        Assert.Equal("disconnect", disconnect?.Type);
        Assert.Equal("too_many_websockets", disconnect?.Reason);
        Assert.Null(disconnect?.ToInbound());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"envelope_id":"x"}""")]
    public void FramesThatAreNotEnvelopes_AreNull(string frame) => Assert.Null(SocketEnvelope.Parse(frame));

    [Fact]
    public void SlashCommandEnvelope_BecomesTheFormBodySlackWouldHavePosted()
    {
        var envelope = SocketEnvelope.Parse(Command)!;

        var (kind, body, _) = envelope.ToInbound()!.Value;
        var command = SlashCommand.Parse(body);

        Assert.True(envelope.AcceptsResponsePayload);
        Assert.Equal("1d3c79ab-0ffb-41f3-a080-d19e85f53649", envelope.EnvelopeId);
        Assert.Equal(SlackInbound.Command, kind);
        Assert.Equal("/incident", command?.Command);
        Assert.Equal("open P1 a & b = <!channel>", command?.Text);
        Assert.Equal("https://hooks.slack.com/commands/T111/111/xxx", command?.ResponseUrl);
        Assert.Equal("U111", command?.UserId);
    }

    [Fact]
    public void InteractiveEnvelope_BecomesThePayloadFormField()
    {
        var (kind, body, _) = SocketEnvelope.Parse(Click)!.ToInbound()!.Value;
        var payload = InteractionPayload.Parse(body);

        Assert.Equal(SlackInbound.Interaction, kind);
        Assert.Equal("block_actions", payload?.Type);
        Assert.Equal("incident-acknowledge", payload?.Actions.Single().ActionId);
    }

    [Fact]
    public void EventsApiEnvelope_IsTheEventCallback_WithItsRetryAttempt()
    {
        var envelope = SocketEnvelope.Parse(Event)!;
        var (kind, body, _) = envelope.ToInbound()!.Value;

        Assert.Equal(SlackInbound.Event, kind);
        Assert.Equal(2, envelope.RetryAttempt);
        Assert.Equal("Ev111", EventEnvelope.Parse(body)?.EventId);
    }

    [Theory]
    [InlineData(Command)]
    [InlineData(Click)]
    [InlineData(Event)]
    public void RedeliveryWithANewEnvelopeId_HasTheSameReplayKey(string frame)
    {
        var first = SocketEnvelope.Parse(frame)!.ToInbound()!.Value.ReplayKey;
        var again = SocketEnvelope.Parse(frame.Replace("\"envelope_id\":\"", "\"envelope_id\":\"retry-", StringComparison.Ordinal).Replace("\"retry_attempt\":2", "\"retry_attempt\":3", StringComparison.Ordinal))!.ToInbound()!.Value.ReplayKey;

        Assert.Equal(first, again);
    }

    [Fact]
    public void DifferentCommands_HaveDifferentReplayKeys()
    {
        var first = SocketEnvelope.Parse(Command)!.ToInbound()!.Value.ReplayKey;
        var other = SocketEnvelope.Parse(Command.Replace("111.222.xxx", "111.222.zzz", StringComparison.Ordinal))!.ToInbound()!.Value.ReplayKey;

        Assert.NotEqual(first, other);
    }
}
