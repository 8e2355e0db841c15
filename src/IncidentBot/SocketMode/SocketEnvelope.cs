using IncidentBot.Pipeline;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IncidentBot.SlackApi;

namespace IncidentBot.SocketMode;

/// <summary>
/// One frame from Slack's Socket Mode connection: <c>hello</c>, <c>disconnect</c> (with its reason),
/// or an envelope (<c>slash_commands</c>, <c>interactive</c>, <c>events_api</c>) that must be
/// acknowledged with its <c>envelope_id</c>.
/// </summary>
public sealed record SocketEnvelope(string Type, string? EnvelopeId, string? Reason, bool AcceptsResponsePayload, int RetryAttempt, JsonElement? Payload)
{
    public static SocketEnvelope? Parse(string frame)
    {
        try
        {
            using var document = JsonDocument.Parse(frame);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return null;
            }
            return new SocketEnvelope(
                type.GetString()!,
                String(root, "envelope_id"),
                String(root, "reason"),
                root.TryGetProperty("accepts_response_payload", out var accepts) && accepts.ValueKind == JsonValueKind.True,
                root.TryGetProperty("retry_attempt", out var retry) && retry.TryGetInt32(out var attempt) ? attempt : 0,
                root.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object ? payload.Clone() : null);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The envelope as the HTTP entrance would have received it, and a replay key taken from its content
    /// (never from the envelope_id, which a redelivery changes): the trigger_id of a command or click,
    /// else a hash of the payload. Null for a type the bot does not handle.
    /// </summary>
    public (SlackInbound Kind, string Body, string ReplayKey)? ToInbound()
    {
        if (Payload is not { } payload)
        {
            return null;
        }
        var raw = payload.GetRawText();
        var key = "socket:" + (String(payload, "trigger_id") is { Length: > 0 } trigger ? trigger : Hash(raw));
        return Type switch
        {
            "slash_commands" => (SlackInbound.Command, FormEncode(payload), key),
            "interactive" => (SlackInbound.Interaction, "payload=" + Uri.EscapeDataString(raw), key),
            "events_api" => (SlackInbound.Event, raw, key),
            _ => null,
        };
    }

    /// <summary>A slash command's payload as Slack POSTs it: form fields.</summary>
    private static string FormEncode(JsonElement payload) =>
        string.Join('&', payload.EnumerateObject().Select(p =>
            Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())));

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
