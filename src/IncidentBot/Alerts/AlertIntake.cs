using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentBot.Configuration;
using IncidentBot.Domain.Ports;
using IncidentBot.Queues;
using Microsoft.Extensions.Options;

namespace IncidentBot.Alerts;

/// <summary>A delivery as stored in the inbox: its source and the signals read from it.</summary>
public sealed record StoredAlerts(string Source, IReadOnlyList<AlertSignal> Signals)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The stored delivery, or null when the body is not one (never throws).</summary>
    public static StoredAlerts? Read(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<StoredAlerts>(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// <c>POST /alerts/{source}</c>: verify (the integration token, or dbt Cloud's signature), read the
/// payload into signals (400 with the reason when it is not one), store it in the inbox, answer 202.
/// Applying happens after the answer, in <see cref="AlertService"/>. All alerts share one inbox lane
/// (<see cref="Lane"/>), so the database hands them out one at a time in arrival order, whichever
/// replica asks: two deliveries of one problem can never both declare an incident.
/// </summary>
public sealed class AlertIntake(IInbox inbox, InboxSignal signal, TimeProvider time, IOptions<AlertsOptions> options, IOptions<SlackOptions> slack, ILogger<AlertIntake> logger)
{
    /// <summary>The inbox's incident number for alerts: not an incident, one ordered lane for all of them.</summary>
    public const long Lane = -1;

    public const string DbtCloud = "dbt-cloud";

    public async Task<IResult> ReceiveAsync(string source, HttpContext context)
    {
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        if (!AlertParsers.IsKnown(source))
        {
            return Results.Text($"Unknown alert source '{Truncate(source)}'. Use one of: {string.Join(", ", AlertParsers.Sources)}.", statusCode: StatusCodes.Status404NotFound);
        }
        source = source.ToLowerInvariant();
        var settings = options.Value;
        var signed = source == DbtCloud;
        if (signed ? !settings.HasDbtCloudSecret : !settings.HasToken)
        {
            return Results.Text(signed
                ? "Alerts from dbt Cloud are not set up: set Alerts:DbtCloudSecret to the webhook's secret (dbt Cloud shows it once, when the webhook is created)."
                : "Alerts are not set up: set Alerts:Token to a long random value and give it to the tool as a Bearer token or ?token=.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (!signed && !TokenMatches(request, settings.Token!))
        {
            logger.LogWarning("Refused an alert from {Source}: missing or wrong token", source);
            return Results.Text("Missing or wrong token: send Authorization: Bearer <Alerts:Token>, or ?token=<Alerts:Token>.", statusCode: StatusCodes.Status401Unauthorized);
        }
        var limit = slack.Value.MaxRequestBytes;
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }
        byte[]? body;
        try
        {
            body = await Http.BoundedBody.ReadAsync(request.Body, limit, cancellationToken);
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException)
        {
            return Results.Text("The request body did not arrive in full.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (body is null)
        {
            return TooLarge(limit);
        }
        if (signed && !SignatureMatches(request.Headers.Authorization.ToString(), body, settings.DbtCloudSecret!))
        {
            logger.LogWarning("Refused an alert from dbt Cloud: its signature does not match Alerts:DbtCloudSecret");
            return Results.Text("Invalid signature: the Authorization header must be the hex HMAC-SHA256 of the body with the webhook's secret (Alerts:DbtCloudSecret).", statusCode: StatusCodes.Status401Unauthorized);
        }
        if (!AlertParsers.TryParse(source, Encoding.UTF8.GetString(body), out var delivery, out var error))
        {
            logger.LogInformation("Refused an alert from {Source}: {Error}", source, error);
            return Results.Text(error!, statusCode: StatusCodes.Status400BadRequest);
        }
        if (delivery!.Signals.Count == 0)
        {
            return Results.Json(new { accepted = 0, note = "Nothing to act on in this delivery." }, statusCode: StatusCodes.Status202Accepted);
        }
        var now = time.GetUtcNow();
        // A delivery id the tool repeats on a redelivery (dbt Cloud's eventId) makes the redelivery a
        // replay; other tools' repeats are new deliveries, counted on the check they repeat.
        var key = delivery.DeliveryId is { Length: > 0 } id ? $"alert:{source}:{Truncate(id)}" : $"alert:{source}:{Guid.NewGuid():N}";
        var admitted = await inbox.AdmitAsync(new InboxItem(key, InboxKind.Alert, new StoredAlerts(source, delivery.Signals).ToJson(), Lane, now), cancellationToken);
        if (admitted)
        {
            signal.Notify();
        }
        return Results.Json(new { accepted = delivery.Signals.Count, duplicate = !admitted }, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Applies a stored delivery's signals in order; each is its own transaction, keyed by the delivery and its place in it.</summary>
    public static async Task ApplyAsync(AlertService alerts, StoredAlerts stored, string key, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        for (var i = 0; i < stored.Signals.Count; i++)
        {
            await alerts.ApplyAsync(stored.Signals[i], $"{key}#{i}", receivedAt, cancellationToken);
        }
    }

    private static IResult TooLarge(int limit) =>
        Results.Text($"The body is larger than {limit} bytes (Slack:MaxRequestBytes).", statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary><c>Authorization: Bearer</c> or <c>?token=</c>, compared in constant time.</summary>
    internal static bool TokenMatches(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : request.Query["token"].ToString();
        return given.Length > 0 && FixedTimeEquals(given, token.Trim());
    }

    /// <summary>dbt Cloud: the Authorization header is the hex HMAC-SHA256 of the raw body (any letter case).</summary>
    public static bool SignatureMatches(string header, byte[] body, string secret)
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        return FixedTimeEquals(header.Trim().ToLowerInvariant(), expected);
    }

    /// <summary>Equal strings, in time that does not depend on where they differ (nor, hashed first, on their lengths).</summary>
    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));

    private static string Truncate(string text) => text.Length <= 100 ? text : text[..100];
}
