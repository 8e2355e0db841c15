using System.Text.Json.Nodes;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// A bot in Socket Mode: <c>Slack:AppToken</c> set, <c>apps.connections.open</c> on the fake Web API
/// answering with the fake Socket Mode server's URL. The signed HTTP requests of <see cref="SlackRequests"/>
/// are turned into the payloads Slack puts in envelopes, so both entrances get the same input.
/// </summary>
public abstract class SocketModeTestBase(StorageProvider provider) : BotTestBase(provider), IAsyncLifetime
{
    public const string AppToken = "xapp-1-A0INCIDENTBOT-1234567890-abcdef0123456789";

    private FakeSocketMode? _socket;

    protected FakeSocketMode Socket => _socket ?? throw new InvalidOperationException("The bot has not started.");

    protected override void Configure(Dictionary<string, string?> settings)
    {
        // Configure is synchronous; starting a loopback Kestrel server takes milliseconds.
        _socket = FakeSocketMode.StartAsync().GetAwaiter().GetResult();
        Slack.FailAlways("apps.connections.open", CannedResponse.Ok(new JsonObject { ["url"] = _socket.Url.ToString() }));
        settings["Slack:AppToken"] = AppToken;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_socket is not null)
        {
            await _socket.DisposeAsync();
        }
    }

    /// <summary>A slash command's form fields as the JSON object a <c>slash_commands</c> envelope carries.</summary>
    protected static JsonObject CommandPayload(SlackRequest request)
    {
        var payload = new JsonObject();
        foreach (var (name, value) in FormFields(request))
        {
            payload[name] = value;
        }
        return payload;
    }

    /// <summary>An interaction's <c>payload</c> form field, as the JSON object an <c>interactive</c> envelope carries.</summary>
    protected static JsonObject InteractionPayload(SlackRequest request) =>
        (JsonObject)JsonNode.Parse(FormFields(request).Single(f => f.Name == "payload").Value)!;

    /// <summary>An Events API callback as an <c>events_api</c> envelope carries it.</summary>
    protected static JsonObject EventPayload(SlackRequest request) => (JsonObject)JsonNode.Parse(request.BodyText)!;

    /// <summary>Sends <c>/incident {text}</c> over the socket, accepting a response payload as Slack does for commands.</summary>
    protected Task<FakeSocketMode.Ack> SocketCommandAsync(SlackRequest command) =>
        Socket.DeliverAsync("slash_commands", CommandPayload(command), acceptsResponsePayload: true);

    private static IEnumerable<(string Name, string Value)> FormFields(SlackRequest request) =>
        request.BodyText.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var equals = pair.IndexOf('=');
            return (Uri.UnescapeDataString(pair[..equals].Replace('+', ' ')), Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' ')));
        });
}
