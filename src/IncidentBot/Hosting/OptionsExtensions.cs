using IncidentBot.Configuration;
using Microsoft.Extensions.Options;

namespace IncidentBot.Hosting;

public static class OptionsExtensions
{
    /// <summary>Binds every section and validates it at start, so a bad value stops the bot with a message that says which key to fix.</summary>
    public static void AddIncidentBotOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<IncidentsOptions>().BindConfiguration(IncidentsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AlertsOptions>, AlertsOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<IncidentsOptions>, IncidentsOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<PolicyOptions>, PolicyOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
    }
}

internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return ValidateOptionsResult.Fail($"Slack:ApiBaseUrl must be an absolute http(s) URL such as {SlackOptions.DefaultApiBaseUrl} (it is '{options.ApiBaseUrl}').");
        }
        if (options.HasBotToken && !options.BotToken!.StartsWith("xox", StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Fail("Slack:BotToken does not look like a Slack token (it should start with xoxb-). Copy the Bot User OAuth Token from the app's OAuth & Permissions page.");
        }
        if (options.HasAppToken && !options.AppToken!.StartsWith("xapp-", StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Fail("Slack:AppToken does not look like an app-level token (it should start with xapp-). Create one with the connections:write scope under Basic Information > App-Level Tokens.");
        }
        return ValidateOptionsResult.Success;
    }
}

internal sealed class AlertsOptionsValidator : IValidateOptions<AlertsOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertsOptions options)
    {
        var bad = new List<string>();
        if (!Domain.SeverityExtensions.TryParse(options.DefaultSeverity, out _))
        {
            bad.Add($"Alerts:DefaultSeverity must be P0, P1, P2 or P3 (it is '{options.DefaultSeverity}').");
        }
        if (options.RepeatNoteEvery <= TimeSpan.Zero)
        {
            bad.Add($"Alerts:RepeatNoteEvery must be a positive time span such as 00:30:00 (it is {options.RepeatNoteEvery}).");
        }
        if (options.ReopenWindow < TimeSpan.Zero)
        {
            bad.Add($"Alerts:ReopenWindow must be zero (never reopen) or a positive time span such as 01:00:00 (it is {options.ReopenWindow}).");
        }
        if (options.HasToken && options.Token!.Trim().Length < 16)
        {
            bad.Add("Alerts:Token is shorter than 16 characters; use a long random value (e.g. `openssl rand -hex 24`).");
        }
        return bad.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(bad);
    }
}

internal sealed class IncidentsOptionsValidator : IValidateOptions<IncidentsOptions>
{
    public ValidateOptionsResult Validate(string? name, IncidentsOptions options) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone ?? "", out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Incidents:TimeZone '{options.TimeZone}' is not a known time zone. Use an IANA id such as UTC, Europe/Berlin or America/New_York.");
}

internal sealed class StorageOptionsValidator(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (string.Equals(options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Success;
        }
        if (string.Equals(options.Provider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres"))
                ? ValidateOptionsResult.Fail("Storage:Provider is Postgres but ConnectionStrings:Postgres is empty. Set it, e.g. ConnectionStrings__Postgres='Host=localhost;Database=incidentbot;Username=incidentbot;Password=...'.")
                : ValidateOptionsResult.Success;
        }
        return ValidateOptionsResult.Fail($"Storage:Provider must be Sqlite or Postgres (it is '{options.Provider}').");
    }
}

internal sealed class PolicyOptionsValidator : IValidateOptions<PolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, PolicyOptions options)
    {
        var every = options.UpdateEvery;
        var bad = new[] { ("P0", every.P0), ("P1", every.P1), ("P2", every.P2), ("P3", every.P3) }
            .Where(p => p.Item2 <= TimeSpan.Zero)
            .Select(p => $"Policy:UpdateEvery:{p.Item1} must be a positive time span such as 00:30:00 (it is {p.Item2}).")
            .ToList();
        var pm = options.PostmortemDue;
        bad.AddRange(new[] { ("P0", pm.P0), ("P1", pm.P1), ("P2", pm.P2), ("P3", pm.P3) }
            .Where(p => p.Item2 <= TimeSpan.Zero)
            .Select(p => $"Policy:PostmortemDue:{p.Item1} must be a positive time span such as 2.00:00:00 for two days (it is {p.Item2})."));
        if (options.VerifyGrace < TimeSpan.Zero)
        {
            bad.Add($"Policy:VerifyGrace must be zero or a positive time span such as 00:30:00 (it is {options.VerifyGrace}).");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (rule, i) in (options.Escalations ?? []).Select((r, i) => (r, i)))
        {
            var at = $"Policy:Escalations:{i}";
            if (string.IsNullOrWhiteSpace(rule.Name) || Domain.Policy.EscalationRule.Slugify(rule.Name).Length == 0)
            {
                bad.Add($"{at}:Name is required (letters or digits), e.g. \"Backup on-call\".");
            }
            else if (!names.Add(Domain.Policy.EscalationRule.Slugify(rule.Name)))
            {
                bad.Add($"{at}:Name '{rule.Name}' is used twice; each rule needs its own name.");
            }
            if (rule.After <= TimeSpan.Zero)
            {
                bad.Add($"{at}:After must be a positive time span such as 00:15:00.");
            }
            if (string.IsNullOrWhiteSpace(rule.Notify))
            {
                bad.Add($"{at}:Notify is required: a user group (<!subteam^S123|@data-backup>) or a user (<@U123>).");
            }
            foreach (var state in rule.States ?? [])
            {
                if (!PolicyOptions.TryParseState(state, out _))
                {
                    bad.Add($"{at}:States has '{state}'; use Open, Investigating, Fixing or Verifying (or leave it empty for all).");
                }
            }
            foreach (var severity in rule.Severities ?? [])
            {
                if (!Domain.SeverityExtensions.TryParse(severity, out _))
                {
                    bad.Add($"{at}:Severities has '{severity}'; use P0, P1, P2 or P3 (or leave it empty for all).");
                }
            }
        }
        return bad.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(bad);
    }
}
