namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// The configuration a test bot runs with, as configuration keys (<c>Slack:SigningSecret</c>). The
/// in-process bot gets them as an in-memory collection, the child process as environment variables
/// (<c>Slack__SigningSecret</c>), exactly as an operator would set them.
/// </summary>
public static class BotSettings
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string BotToken = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";
    public const string Channel = "#data-incidents";
    public const string AlertsToken = "alerts-token-0123456789abcdef";
    public const string DbtCloudSecret = "dbt-cloud-webhook-secret-42";

    public static Dictionary<string, string?> For(TestDatabase database, FakeSlackApi slack) => new()
    {
        ["Slack:SigningSecret"] = SigningSecret,
        ["Slack:BotToken"] = BotToken,
        ["Slack:ApiBaseUrl"] = slack.BaseUrl.ToString(),
        ["Slack:TeamId"] = "",
        ["Incidents:Channel"] = Channel,
        ["Alerts:Token"] = AlertsToken,
        ["Alerts:DbtCloudSecret"] = DbtCloudSecret,
        ["Storage:Provider"] = database.ProviderSetting,
        [$"ConnectionStrings:{database.ProviderSetting}"] = database.ConnectionString,
        // Tests wait for deliveries by polling; a short poll and first retry keep them fast.
        ["Outbox:PollInterval"] = "00:00:00.100",
        ["Outbox:FirstRetryDelay"] = "00:00:00.100",
        ["Serilog:MinimumLevel:Default"] = "Warning",
    };

    /// <summary><c>Slack:SigningSecret</c> -> <c>Slack__SigningSecret</c>.</summary>
    public static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
