using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using IncidentBot.Slack;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace IncidentBot.Commands;

/// <summary>
/// A change as the inbox keeps it: the parsed command (field <c>parsed</c>: its record's name and
/// fields as JSON) and who sent it, so the inbox worker applies it without parsing its text again.
/// </summary>
public sealed record StoredCommand(ParsedCommand Command, string User, string? Channel, string? ResponseUrl)
{
    private const string ParsedField = "parsed";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// A form body in Slack's shape, so rows stay readable both ways during a rolling deploy: the text
    /// as typed is kept only for a replica still running the version before, which parses it itself.
    /// </summary>
    public static string Write(SlashCommand request, ParsedCommand parsed)
    {
        var json = new JsonObject { ["command"] = parsed.GetType().Name, ["args"] = JsonSerializer.SerializeToNode(parsed, parsed.GetType(), Json) };
        (string Name, string? Value)[] fields =
        [
            ("command", request.Command), ("user_id", request.UserId), ("channel_id", request.ChannelId),
            ("response_url", request.ResponseUrl), ("text", request.Text), (ParsedField, json.ToJsonString()),
        ];
        return string.Join('&', fields.Where(f => f.Value is not null).Select(f => $"{f.Name}={Uri.EscapeDataString(f.Value!)}"));
    }

    /// <summary>
    /// Reads an inbox body, or null when it cannot be read. A row stored before <c>parsed</c> existed
    /// (it may wait in the inbox during a deploy) is parsed once, here, with <paramref name="parseText"/>.
    /// </summary>
    public static StoredCommand? Read(string body, Func<string?, ParsedCommand> parseText)
    {
        var form = QueryHelpers.ParseQuery(body);
        if (Field(form, "command") is not { Length: > 0 } || Field(form, "user_id") is not { Length: > 0 } user)
        {
            return null;
        }
        var command = Field(form, ParsedField) is { } parsed ? FromJson(parsed) : parseText(Field(form, "text"));
        return command is null ? null : new StoredCommand(command, user, Field(form, "channel_id"), Field(form, "response_url"));
    }

    private static string? Field(Dictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    private static ParsedCommand? FromJson(string text)
    {
        try
        {
            var json = JsonNode.Parse(text);
            var type = typeof(ParsedCommand).GetNestedType(json?["command"]?.GetValue<string>() ?? "");
            return type is { IsSealed: true } && type.IsSubclassOf(typeof(ParsedCommand)) ? json!["args"].Deserialize(type, Json) as ParsedCommand : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
