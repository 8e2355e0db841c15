using System.Globalization;
using System.Text.Json.Nodes;
using IncidentBot.Slack;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// Requests for the follow-up half of an incident, shaped like Slack's payloads in
/// <c>slack/payloads/</c>: the resolution modal as submitted, a person's reply in an incident's
/// thread (a <c>message</c> event) and a reaction on it (<c>reaction_added</c>).
/// </summary>
public static class FollowUpRequests
{
    private static int _sequence;

    /// <summary>
    /// The resolution modal as submitted; its private_metadata is the incident number. Null or empty
    /// values are left empty, as Slack sends untouched inputs.
    /// </summary>
    public static JsonObject ResolveModal(
        string viewId,
        long incident,
        string? summary,
        string? rootCause = null,
        string? fixApplied = null,
        long? verifiedAtUnix = null,
        string? howVerified = null,
        string? dataState = "fresh",
        string? backfilledTo = null,
        bool postmortemNeeded = false,
        long? dataWrongSinceUnix = null) => new()
        {
            ["id"] = viewId,
            ["team_id"] = SlackRequests.TeamId,
            ["type"] = "modal",
            ["title"] = PlainText("Resolve INC"),
            ["blocks"] = new JsonArray(),
            ["private_metadata"] = incident.ToString(CultureInfo.InvariantCulture),
            ["callback_id"] = SlackIds.CallbackResolveModal,
            ["state"] = new JsonObject
            {
                ["values"] = new JsonObject
                {
                    [SlackIds.InputSummary] = Input(SlackIds.InputSummary, TextInput(summary)),
                    [SlackIds.InputResolutionRootCause] = Input(SlackIds.InputResolutionRootCause, TextInput(rootCause)),
                    [SlackIds.InputFixApplied] = Input(SlackIds.InputFixApplied, TextInput(fixApplied)),
                    [SlackIds.InputVerifiedAt] = Input(SlackIds.InputVerifiedAt, new JsonObject { ["type"] = "datetimepicker", ["selected_date_time"] = verifiedAtUnix }),
                    [SlackIds.InputHowVerified] = Input(SlackIds.InputHowVerified, TextInput(howVerified)),
                    [SlackIds.InputDataWrongSince] = Input(SlackIds.InputDataWrongSince, new JsonObject { ["type"] = "datetimepicker", ["selected_date_time"] = dataWrongSinceUnix }),
                    [SlackIds.InputDataState] = Input(SlackIds.InputDataState, new JsonObject
                    {
                        ["type"] = "static_select",
                        ["selected_option"] = dataState is null ? null : new JsonObject { ["text"] = PlainText(dataState), ["value"] = dataState },
                    }),
                    [SlackIds.InputBackfilledTo] = Input(SlackIds.InputBackfilledTo, new JsonObject { ["type"] = "datepicker", ["selected_date"] = backfilledTo }),
                    [SlackIds.InputPostmortem] = Input(SlackIds.InputPostmortem, new JsonObject
                    {
                        ["type"] = "checkboxes",
                        ["selected_options"] = postmortemNeeded
                            ? new JsonArray(new JsonObject { ["text"] = PlainText("A postmortem is needed"), ["value"] = "needed" })
                            : new JsonArray(),
                    }),
                },
            },
            ["hash"] = $"1700000000.{Interlocked.Increment(ref _sequence):x8}",
            ["clear_on_close"] = false,
            ["notify_on_close"] = false,
            ["root_view_id"] = viewId,
            ["previous_view_id"] = null,
            ["app_id"] = SlackRequests.AppId,
            ["external_id"] = "",
            ["bot_id"] = "B0INCIDENTBOT",
        };

    /// <summary>A person's reply in a thread of the incidents channel, as the Events API delivers it.</summary>
    public static SlackRequest ThreadReply(this SlackRequests requests, string eventId, string threadTs, string ts, string user, string text, string channel = FakeSlackApi.IncidentsChannelId) =>
        Event(requests, eventId, new JsonObject
        {
            ["type"] = "message",
            ["channel"] = channel,
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts,
            ["thread_ts"] = threadTs,
            ["event_ts"] = ts,
            ["channel_type"] = "channel",
        });

    /// <summary>The bot's own post in a thread, as the Events API echoes it: our app_id, a bot_id, the bot user.</summary>
    public static SlackRequest OwnThreadPost(this SlackRequests requests, string eventId, string threadTs, string ts, string text) =>
        Event(requests, eventId, new JsonObject
        {
            ["type"] = "message",
            ["channel"] = FakeSlackApi.IncidentsChannelId,
            ["user"] = "U0INCIDENTBOT",
            ["bot_id"] = "B0INCIDENTBOT",
            ["app_id"] = SlackRequests.AppId,
            ["text"] = text,
            ["ts"] = ts,
            ["thread_ts"] = threadTs,
            ["event_ts"] = ts,
            ["channel_type"] = "channel",
        });

    /// <summary>A reaction on a message (<paramref name="reaction"/> without colons: "pushpin").</summary>
    public static SlackRequest Reaction(this SlackRequests requests, string eventId, string reaction, string itemTs, string user, string channel = FakeSlackApi.IncidentsChannelId, Signing signing = Signing.Valid) =>
        Event(requests, eventId, new JsonObject
        {
            ["type"] = "reaction_added",
            ["user"] = user,
            ["reaction"] = reaction,
            ["item_user"] = "U0CAROL",
            ["item"] = new JsonObject { ["type"] = "message", ["channel"] = channel, ["ts"] = itemTs },
            ["event_ts"] = NowTs(),
        }, signing);

    /// <summary>A Slack message ts for <paramref name="at"/>: unix seconds and microseconds, "1700000000.123456".</summary>
    public static string Ts(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{at.ToUnixTimeSeconds()}.{at.Millisecond * 1000 + Interlocked.Increment(ref _sequence) % 1000:D6}");

    public static string NowTs() => Ts(DateTimeOffset.UtcNow);

    private static SlackRequest Event(SlackRequests requests, string eventId, JsonObject slackEvent, Signing signing = Signing.Valid) =>
        requests.Raw("/slack/events", new JsonObject
        {
            ["token"] = "gIkuvaNzQIHg97ATvDxqgjtO",
            ["team_id"] = SlackRequests.TeamId,
            ["api_app_id"] = SlackRequests.AppId,
            ["event"] = slackEvent,
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["authed_users"] = new JsonArray("U0INCIDENTBOT"),
        }.ToJsonString(), "application/json", signing);

    private static JsonObject Input(string id, JsonObject element) => new() { [id] = element };

    private static JsonObject TextInput(string? value) => new() { ["type"] = "plain_text_input", ["value"] = value };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };
}
