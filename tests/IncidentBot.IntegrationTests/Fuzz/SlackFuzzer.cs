using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Slack;

namespace IncidentBot.IntegrationTests.Fuzz;

/// <summary>
/// A seeded generator of signed, mutated Slack requests: slash commands from a small grammar with
/// hostile words, and interaction and event payloads shaped like Slack's whose fields are replaced,
/// removed or retyped, sometimes with the JSON text itself broken (a lone surrogate escape, a cut).
/// The same seed gives the same requests, so a failure can be replayed.
/// </summary>
public sealed class SlackFuzzer(int seed, SlackRequests requests)
{
    /// <summary>Words attackers and fuzzers try: numbers out of range, enum numbers, mentions, links, escapes, Markdown, SQL, templates, odd Unicode.</summary>
    public static readonly string[] Hostile =
    [
        "", " ", "0", "-1", "99", "255", "1e9", "9999999999999999999", "-9223372036854775808", "NaN", "0.5",
        "P-1", "P1.0", "S1", "p9", "INC-1", "INC-0", "INC-99999999999999999999", "inc-1", "#1",
        "<!channel>", "<!here>", "<@U0BOB>", "<#C0INCIDENTS>", "<https://evil.example|click>", "<!subteam^S1|@all>",
        "\\|", "| a | b |", "\\", "[x](https://evil.example)", "# heading", "`code`", "*bold*", "&amp;", "&lt;", "%", "%zz", "%ED%A0%80",
        "{{x}}", "{{#each this}}", "'; DROP TABLE incidents;--", "../../etc/passwd", "http://169.254.169.254/latest",
        "1700000000.000100", "not-a-ts", "Applied", "InProgress", "Revenue", "None", "StaleData", "fresh", "backfilled", "needed", "identified",
        "\u0000", "\r\n", "\t", "e\u0301", "\U0001F468\u200D\U0001F469\u200D\U0001F467", "\U0001F525", "\u202Eevil", "true", "null",
        new string('x', 201), new string('y', 5000),
    ];

    private static readonly string[] Verbs =
        ["open", "open", "update", "ack", "severity", "status", "resolve", "cancel", "fix", "verify", "reopen", "close", "impact", "postmortem", "action", "list", "stats", "help", "frobnicate"];

    private readonly Random _random = new(seed);

    public SlackRequest Next(string headlineTs) => _random.Next(10) switch
    {
        < 4 => Command(),
        < 7 => Interaction(headlineTs),
        _ => Event(headlineTs),
    };

    private string Word() => _random.Next(3) == 0 ? Hostile[_random.Next(Hostile.Length)] : _random.Next(4) switch
    {
        0 => "P" + _random.Next(5),
        1 => "INC-" + _random.Next(1, 4),
        2 => "+" + _random.Next(5) + "d",
        _ => "orders mart stale",
    };

    private SlackRequest Command()
    {
        var text = Verbs[_random.Next(Verbs.Length)] + string.Concat(Enumerable.Range(0, _random.Next(5)).Select(_ => " " + Word()));
        var request = requests.Command(text, user: _random.Next(2) == 0 ? SlackRequests.Alice : SlackRequests.Bob);
        if (_random.Next(4) != 0)
        {
            return request;
        }
        // Mutate the form itself: a field replaced, dropped or repeated, or broken percent-encoding.
        var fields = request.BodyText.Split('&').ToList();
        var at = _random.Next(fields.Count);
        var name = fields[at].Split('=')[0];
        switch (_random.Next(4))
        {
            case 0: fields[at] = name + "=" + WebUtility.UrlEncode(Hostile[_random.Next(Hostile.Length)]); break;
            case 1: fields.RemoveAt(at); break;
            case 2: fields.Add(fields[at].Split('=')[0] + "=" + WebUtility.UrlEncode(Word())); break;
            default: fields[at] = name + "=%E0%A4%" + "%%%"; break;
        }
        return requests.Raw("/slack/commands", string.Join("&", fields));
    }

    private SlackRequest Interaction(string headlineTs)
    {
        JsonObject payload = _random.Next(5) switch
        {
            0 => Payload(requests.Button(Pick(SlackIds.ActionAcknowledge, "incident-resolve", "incident-snooze-30", "no-such-action"), _random.Next(0, 4), headlineTs)),
            1 => Payload(requests.SeverityMenu(_random.Next(0, 4), "P" + _random.Next(5), headlineTs)),
            2 => Payload(requests.ViewSubmission(SlackRequests.OpenModal("V0FUZZ" + _random.Next(), "fuzz " + Word(), impact: ["Revenue"]))),
            3 => Payload(requests.ViewSubmission(SlackRequests.UpdateModal("V0FUZZ" + _random.Next(), _random.Next(0, 4), "fuzz " + Word(), fixStatus: "Applied"))),
            _ => Payload(requests.ViewSubmission(FollowUpRequests.ResolveModal("V0FUZZ" + _random.Next(), _random.Next(0, 4), "fuzz " + Word(), dataState: "fresh"))),
        };
        var json = MutateJson(payload);
        return requests.Raw("/slack/interactions", "payload=" + WebUtility.UrlEncode(json));
    }

    private SlackRequest Event(string headlineTs)
    {
        var request = _random.Next(4) switch
        {
            0 => requests.ThreadReply("Ev0FUZZ" + _random.Next(), headlineTs, FollowUpRequests.NowTs(), SlackRequests.Bob, "fuzz " + Word()),
            1 => requests.Reaction("Ev0FUZZ" + _random.Next(), Pick("pushpin", "eyes", "round_pushpin"), headlineTs, SlackRequests.Bob),
            2 => requests.AppMention("Ev0FUZZ" + _random.Next()),
            _ => requests.UrlVerification("challenge-" + _random.Next()),
        };
        var json = MutateJson((JsonObject)JsonNode.Parse(request.BodyText)!);
        return requests.Raw("/slack/events", json, "application/json");
    }

    private static JsonObject Payload(SlackRequest interaction) =>
        (JsonObject)JsonNode.Parse(WebUtility.UrlDecode(interaction.BodyText["payload=".Length..]))!;

    /// <summary>One to three field mutations, then sometimes a break in the JSON text itself.</summary>
    private string MutateJson(JsonObject root)
    {
        const string Marker = "\u0001FUZZ\u0001";
        for (var n = _random.Next(1, 4); n > 0; n--)
        {
            var slots = Slots(root).ToList();
            var (parent, key, index) = slots[_random.Next(slots.Count)];
            JsonNode? replacement = _random.Next(9) switch
            {
                0 => null,
                1 => JsonValue.Create(_random.Next(3) switch { 0 => long.MaxValue, 1 => -1L, _ => 99L }),
                2 => JsonValue.Create(1e308),
                3 => JsonValue.Create(_random.Next(2) == 0),
                4 => new JsonObject(),
                5 => new JsonArray(JsonValue.Create(Word()), new JsonArray()),
                6 => JsonValue.Create(Marker),
                _ => JsonValue.Create(Hostile[_random.Next(Hostile.Length)]),
            };
            if (parent is JsonObject obj && key is not null)
            {
                if (_random.Next(6) == 0)
                {
                    obj.Remove(key);
                }
                else
                {
                    obj[key] = replacement;
                }
            }
            else if (parent is JsonArray array)
            {
                array[index] = replacement;
            }
        }
        var json = root.ToJsonString();
        json = json.Replace("\"\\u0001FUZZ\\u0001\"", _random.Next(2) == 0 ? "\"\\ud800\"" : "\"tail \\udfff\"", StringComparison.Ordinal);
        return _random.Next(12) switch
        {
            0 => json[.._random.Next(json.Length)],
            1 => json.Insert(_random.Next(json.Length), Pick(",", "}", "\"", "\\", "[")),
            _ => json,
        };
    }

    /// <summary>Every place a value sits: object properties and array items, at any depth.</summary>
    private static IEnumerable<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj.ToList())
            {
                yield return (obj, key, -1);
                if (value is not null)
                {
                    foreach (var slot in Slots(value))
                    {
                        yield return slot;
                    }
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                yield return (array, null, i);
                if (array[i] is { } item)
                {
                    foreach (var slot in Slots(item))
                    {
                        yield return slot;
                    }
                }
            }
        }
    }

    private string Pick(params string[] choices) => choices[_random.Next(choices.Length)];

    /// <summary>Every text a request carries: decoded form values and, inside JSON, every string value.</summary>
    public static IEnumerable<string> Texts(SlackRequest request)
    {
        var body = request.BodyText;
        var values = request.ContentType.StartsWith("application/json", StringComparison.Ordinal)
            ? [body]
            : body.Split('&').Select(f => f.Split('=', 2) is [_, var v] ? Decode(v) : "").ToArray();
        foreach (var value in values)
        {
            yield return value;
            JsonNode? node = null;
            try
            {
                node = JsonNode.Parse(value);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
            {
                // Not JSON: the value itself is the text.
            }
            foreach (var text in node is null ? [] : Strings(node))
            {
                yield return text;
            }
        }
    }

    private static string Decode(string value)
    {
        try
        {
            return WebUtility.UrlDecode(value);
        }
        catch (ArgumentException)
        {
            return value;
        }
    }

    private static IEnumerable<string> Strings(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                return obj.SelectMany(p => p.Value is null ? [] : Strings(p.Value));
            case JsonArray array:
                return array.SelectMany(i => i is null ? [] : Strings(i));
            default:
                try
                {
                    return node.GetValue<object>() is System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } e ? [e.GetString()!] : [];
                }
                catch (InvalidOperationException)
                {
                    return [];
                }
        }
    }

    /// <summary>Utf8 bytes of a request body, for a byte flipped after signing.</summary>
    public static SlackRequest FlipAByte(SlackRequest signed, int seedForFlip)
    {
        var bytes = signed.Body.ToArray();
        var random = new Random(seedForFlip);
        var at = random.Next(bytes.Length);
        bytes[at] = (byte)(bytes[at] ^ (1 << random.Next(8)));
        return signed with { Body = bytes };
    }

    public static string Describe(SlackRequest request) =>
        $"{request.Path} {Encoding.UTF8.GetString(request.Body.AsSpan(0, Math.Min(request.Body.Length, 400)))}";
}
