using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Slack;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>How a test request is signed: as Slack signs it, or in one of the ways an attacker or a replay would.</summary>
public enum Signing
{
    /// <summary>Signed with the bot's signing secret, timestamped now.</summary>
    Valid,

    /// <summary>Signed with some other secret.</summary>
    Forged,

    /// <summary>Signed correctly, but 6 minutes ago (a replay outside the 5-minute window).</summary>
    Stale,

    /// <summary>Neither X-Slack-Signature nor X-Slack-Request-Timestamp.</summary>
    Unsigned,
}

/// <summary>A request as Slack would send it: body bytes and headers, sendable any number of times (a retry is the same bytes again).</summary>
public sealed record SlackRequest(string Path, byte[] Body, string ContentType, IReadOnlyDictionary<string, string> Headers)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The <c>response_url</c> of a slash command or a click, where the bot answers it.</summary>
    public string ResponseUrl => BodyText.StartsWith("payload=", StringComparison.Ordinal)
        ? (string)JsonNode.Parse(Uri.UnescapeDataString(BodyText["payload=".Length..].Replace('+', ' ')))!["response_url"]!
        : Uri.UnescapeDataString(BodyText.Split('&').Single(p => p.StartsWith("response_url=", StringComparison.Ordinal))["response_url=".Length..]);

    public HttpRequestMessage ToHttpRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(ContentType);
        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    /// <summary>The same headers (signature included) over a different body: what a man in the middle would send.</summary>
    public SlackRequest WithBody(string body) => this with { Body = Encoding.UTF8.GetBytes(body) };

    public SlackRequest WithHeader(string name, string value) =>
        this with { Headers = new Dictionary<string, string>(Headers) { [name] = value } };
}

/// <summary>
/// Builds signed Slack requests shaped like the real payloads in <c>slack/payloads/</c>: slash commands
/// (form fields), block_actions and view_submission (form field <c>payload</c> holding JSON) and
/// Events API callbacks (JSON).
/// </summary>
public sealed class SlackRequests(string signingSecret)
{
    public const string TeamId = "T0001";
    public const string TeamDomain = "acme-data";
    public const string CommandChannel = "C0COMMAND";
    public const string AppId = "A0INCIDENTBOT";
    public const string Alice = "U0ALICE";
    public const string Bob = "U0BOB";

    private static int _sequence;

    /// <summary>
    /// Where the response_urls in built requests point: Slack's webhook host by default; tests set it
    /// to <see cref="FakeSlackApi.HooksBaseUrl"/> so the bot's answers reach the fake.
    /// </summary>
    public Uri HooksBase { get; set; } = new("https://hooks.slack.com/");

    public SlackRequest Command(string text, string user = Alice, string? triggerId = null, Signing signing = Signing.Valid) =>
        Form("/slack/commands",
        [
            ("token", "gIkuvaNzQIHg97ATvDxqgjtO"),
            ("team_id", TeamId),
            ("team_domain", TeamDomain),
            ("channel_id", CommandChannel),
            ("channel_name", "data-eng"),
            ("user_id", user),
            ("user_name", UserName(user)),
            ("command", "/incident"),
            ("text", text),
            ("api_app_id", AppId),
            ("is_enterprise_install", "false"),
            ("response_url", $"{HooksBase}commands/{TeamId}/{Next()}/x1y2z3"),
            ("trigger_id", triggerId ?? NewTriggerId()),
        ], signing);

    /// <summary>A click on a headline button (Acknowledge, Start fix...), whose value is the incident number.</summary>
    public SlackRequest Button(string actionId, long incident, string messageTs, string user = Alice, string label = "Acknowledge", Signing signing = Signing.Valid) =>
        BlockActions(new JsonObject
        {
            ["action_id"] = actionId,
            ["block_id"] = SlackIds.BlockHeadlineActions,
            ["text"] = PlainText(label),
            ["value"] = incident.ToString(CultureInfo.InvariantCulture),
            ["type"] = "button",
            ["action_ts"] = ActionTs(),
        }, messageTs, user, signing);

    /// <summary>A choice in the headline's severity menu: option value <c>{number}:{P0..P3}</c>.</summary>
    public SlackRequest SeverityMenu(long incident, string severity, string messageTs, string user = Alice, Signing signing = Signing.Valid) =>
        BlockActions(new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = SlackIds.ActionSeverity,
            ["block_id"] = SlackIds.BlockHeadlineActions,
            ["selected_option"] = new JsonObject
            {
                ["text"] = PlainText(severity),
                ["value"] = $"{incident}:{severity}",
            },
            ["placeholder"] = PlainText("Severity"),
            ["action_ts"] = ActionTs(),
        }, messageTs, user, signing);

    public SlackRequest BlockActions(JsonObject action, string messageTs, string user = Alice, Signing signing = Signing.Valid) =>
        Interaction(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = User(user),
            ["api_app_id"] = AppId,
            ["token"] = "gIkuvaNzQIHg97ATvDxqgjtO",
            ["container"] = new JsonObject
            {
                ["type"] = "message",
                ["message_ts"] = messageTs,
                ["channel_id"] = FakeSlackApi.IncidentsChannelId,
                ["is_ephemeral"] = false,
            },
            ["trigger_id"] = NewTriggerId(),
            ["team"] = new JsonObject { ["id"] = TeamId, ["domain"] = TeamDomain },
            ["enterprise"] = null,
            ["is_enterprise_install"] = false,
            ["channel"] = new JsonObject { ["id"] = FakeSlackApi.IncidentsChannelId, ["name"] = "data-incidents" },
            ["message"] = new JsonObject
            {
                ["bot_id"] = "B0INCIDENTBOT",
                ["type"] = "message",
                ["text"] = "INC headline",
                ["user"] = "U0INCIDENTBOT",
                ["ts"] = messageTs,
            },
            ["state"] = new JsonObject { ["values"] = new JsonObject() },
            ["response_url"] = $"{HooksBase}actions/{TeamId}/{Next()}/a1b2c3",
            ["actions"] = new JsonArray(action),
        }, signing);

    /// <summary>Submit pressed on a modal; <paramref name="view"/> comes from <see cref="OpenModal"/> or <see cref="UpdateModal"/>.</summary>
    public SlackRequest ViewSubmission(JsonObject view, string user = Alice, Signing signing = Signing.Valid) =>
        Interaction(new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = TeamId, ["domain"] = TeamDomain },
            ["user"] = User(user),
            ["api_app_id"] = AppId,
            ["token"] = "gIkuvaNzQIHg97ATvDxqgjtO",
            ["trigger_id"] = NewTriggerId(),
            ["view"] = view.DeepClone(),
            ["response_urls"] = new JsonArray(),
            ["is_enterprise_install"] = false,
            ["enterprise"] = null,
        }, signing);

    /// <summary>Slack asking for the options of an external select while the person types <paramref name="typed"/>.</summary>
    public SlackRequest BlockSuggestion(string actionId, string typed, string user = Alice) =>
        Interaction(new JsonObject
        {
            ["type"] = "block_suggestion",
            ["user"] = User(user),
            ["team"] = new JsonObject { ["id"] = TeamId, ["domain"] = TeamDomain },
            ["api_app_id"] = AppId,
            ["token"] = "gIkuvaNzQIHg97ATvDxqgjtO",
            ["action_id"] = actionId,
            ["block_id"] = actionId,
            ["value"] = typed,
            ["container"] = new JsonObject { ["type"] = "view", ["view_id"] = "V0SUGGEST" },
            ["view"] = View("V0SUGGEST", SlackIds.CallbackOpenModal, CommandChannel, new JsonObject()),
        });

    /// <summary>The declaration modal with its affected-assets select holding <paramref name="values"/> (as Slack sends a multi_external_select).</summary>
    public static JsonObject OpenModalWithAssets(string viewId, string title, params string[] values)
    {
        var view = OpenModal(viewId, title);
        view["state"]!["values"]![SlackIds.InputAffected] = Input(SlackIds.InputAffected, new JsonObject
        {
            ["type"] = "multi_external_select",
            ["selected_options"] = new JsonArray(values.Select(v => (JsonNode)new JsonObject { ["text"] = PlainText(v), ["value"] = v }).ToArray()),
        });
        return view;
    }

    /// <summary>The declaration modal as submitted. Null or empty values are left empty, as Slack sends them.</summary>
    public static JsonObject OpenModal(
        string viewId,
        string? title,
        string? severity = "P1",
        string? category = "StaleData",
        string? affected = null,
        string? description = null,
        string? owner = null,
        long? detectedAtUnix = null,
        IReadOnlyList<string>? impact = null,
        string privateMetadata = CommandChannel,
        long? dataWrongSinceUnix = null) =>
        View(viewId, SlackIds.CallbackOpenModal, privateMetadata, new JsonObject
        {
            [SlackIds.InputTitle] = Input(SlackIds.InputTitle, TextInput(title)),
            [SlackIds.InputSeverity] = Input(SlackIds.InputSeverity, StaticSelect(severity)),
            [SlackIds.InputCategory] = Input(SlackIds.InputCategory, StaticSelect(category)),
            [SlackIds.InputAffected] = Input(SlackIds.InputAffected, TextInput(affected)),
            [SlackIds.InputDescription] = Input(SlackIds.InputDescription, TextInput(description)),
            [SlackIds.InputOwner] = Input(SlackIds.InputOwner, new JsonObject { ["type"] = "users_select", ["selected_user"] = owner }),
            [SlackIds.InputDetectedAt] = Input(SlackIds.InputDetectedAt, new JsonObject { ["type"] = "datetimepicker", ["selected_date_time"] = detectedAtUnix }),
            [SlackIds.InputImpact] = Input(SlackIds.InputImpact, Checkboxes(impact ?? [])),
            [SlackIds.InputDataWrongSince] = Input(SlackIds.InputDataWrongSince, new JsonObject { ["type"] = "datetimepicker", ["selected_date_time"] = dataWrongSinceUnix }),
        });

    /// <summary>The status update modal as submitted; its private_metadata is the incident number.</summary>
    /// <summary>Without <paramref name="affected"/> the form is one opened before it had the assets field.</summary>
    public static JsonObject UpdateModal(string viewId, long incident, string? text, string? fixStatus = null, string? eta = null, bool rootCauseIdentified = false, string? affected = null)
    {
        var values = new JsonObject
        {
            [SlackIds.InputUpdateText] = Input(SlackIds.InputUpdateText, TextInput(text)),
            [SlackIds.InputRootCause] = Input(SlackIds.InputRootCause, Checkboxes(rootCauseIdentified ? ["identified"] : [])),
            [SlackIds.InputFixStatus] = Input(SlackIds.InputFixStatus, StaticSelect(fixStatus)),
            [SlackIds.InputEta] = Input(SlackIds.InputEta, TextInput(eta)),
        };
        if (affected is not null)
        {
            values[SlackIds.InputAffected] = Input(SlackIds.InputAffected, TextInput(affected));
        }
        return View(viewId, SlackIds.CallbackUpdateModal, incident.ToString(CultureInfo.InvariantCulture), values);
    }

    /// <summary>An Events API callback (an app_mention), optionally marked as Slack's n-th redelivery.</summary>
    public SlackRequest AppMention(string eventId, int? retryNum = null, Signing signing = Signing.Valid)
    {
        var envelope = new JsonObject
        {
            ["token"] = "gIkuvaNzQIHg97ATvDxqgjtO",
            ["team_id"] = TeamId,
            ["api_app_id"] = AppId,
            ["event"] = new JsonObject
            {
                ["type"] = "app_mention",
                ["user"] = Alice,
                ["text"] = "<@U0INCIDENTBOT> status",
                ["ts"] = "1700000100.000100",
                ["channel"] = CommandChannel,
                ["event_ts"] = "1700000100.000100",
            },
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["authed_users"] = new JsonArray("U0INCIDENTBOT"),
        };
        var request = Json("/slack/events", envelope.ToJsonString(), signing);
        return retryNum is { } n
            ? request.WithHeader(SlackHeaders.RetryNum, n.ToString(CultureInfo.InvariantCulture)).WithHeader(SlackHeaders.RetryReason, "http_timeout")
            : request;
    }

    public SlackRequest UrlVerification(string challenge, Signing signing = Signing.Valid) =>
        Json("/slack/events", new JsonObject
        {
            ["token"] = "Jhj5dZrVaK7ZwHHjRyZWjbDl",
            ["challenge"] = challenge,
            ["type"] = "url_verification",
        }.ToJsonString(), signing);

    /// <summary>Any body to any path, signed as asked: for malformed and oversized requests.</summary>
    public SlackRequest Raw(string path, string body, string contentType = "application/x-www-form-urlencoded", Signing signing = Signing.Valid) =>
        Signed(path, Encoding.UTF8.GetBytes(body), contentType, signing);

    public SlackRequest Interaction(JsonObject payload, Signing signing = Signing.Valid) =>
        Signed("/slack/interactions", Encoding.UTF8.GetBytes("payload=" + WebUtility.UrlEncode(payload.ToJsonString())), "application/x-www-form-urlencoded", signing);

    private SlackRequest Form(string path, IEnumerable<(string Name, string Value)> fields, Signing signing) =>
        Signed(path, Encoding.UTF8.GetBytes(string.Join("&", fields.Select(f => $"{WebUtility.UrlEncode(f.Name)}={WebUtility.UrlEncode(f.Value)}"))), "application/x-www-form-urlencoded", signing);

    private SlackRequest Json(string path, string json, Signing signing) =>
        Signed(path, Encoding.UTF8.GetBytes(json), "application/json", signing);

    private SlackRequest Signed(string path, byte[] body, string contentType, Signing signing)
    {
        var headers = new Dictionary<string, string>();
        if (signing != Signing.Unsigned)
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - (signing == Signing.Stale ? 6 * 60 : 0);
            var secret = signing == Signing.Forged ? "not-the-signing-secret-" + signingSecret : signingSecret;
            headers[SlackHeaders.Timestamp] = timestamp.ToString(CultureInfo.InvariantCulture);
            headers[SlackHeaders.Signature] = SlackSignature.Sign(secret, timestamp, body);
        }
        return new SlackRequest(path, body, contentType, headers);
    }

    private static JsonObject View(string viewId, string callbackId, string privateMetadata, JsonObject values) => new()
    {
        ["id"] = viewId,
        ["team_id"] = TeamId,
        ["type"] = "modal",
        ["title"] = PlainText("IncidentBot"),
        ["blocks"] = new JsonArray(),
        ["private_metadata"] = privateMetadata,
        ["callback_id"] = callbackId,
        ["state"] = new JsonObject { ["values"] = values },
        ["hash"] = $"1700000000.{Next():x8}",
        ["clear_on_close"] = false,
        ["notify_on_close"] = false,
        ["root_view_id"] = viewId,
        ["previous_view_id"] = null,
        ["app_id"] = AppId,
        ["external_id"] = "",
        ["bot_id"] = "B0INCIDENTBOT",
    };

    /// <summary>state.values[block][action]: every IncidentBot input uses one id for both.</summary>
    private static JsonObject Input(string id, JsonObject element) => new() { [id] = element };

    private static JsonObject TextInput(string? value) => new() { ["type"] = "plain_text_input", ["value"] = value };

    private static JsonObject StaticSelect(string? value) => new()
    {
        ["type"] = "static_select",
        ["selected_option"] = value is null ? null : new JsonObject { ["text"] = PlainText(value), ["value"] = value },
    };

    private static JsonObject Checkboxes(IReadOnlyList<string> values) => new()
    {
        ["type"] = "checkboxes",
        ["selected_options"] = new JsonArray(values.Select(v => (JsonNode)new JsonObject { ["text"] = PlainText(v), ["value"] = v }).ToArray()),
    };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static JsonObject User(string id) => new()
    {
        ["id"] = id,
        ["username"] = UserName(id),
        ["name"] = UserName(id),
        ["team_id"] = TeamId,
    };

    private static string UserName(string id) => id.StartsWith("U0", StringComparison.Ordinal) ? id[2..].ToLowerInvariant() : id.ToLowerInvariant();

    private static int Next() => Interlocked.Increment(ref _sequence);

    private static string NewTriggerId() => $"{Next()}.398738663015.{Guid.NewGuid():N}";

    private static string ActionTs() => string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Next():D6}");
}
