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
        builder.Services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
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
        return ValidateOptionsResult.Success;
    }
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
        return bad.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(bad);
    }
}
