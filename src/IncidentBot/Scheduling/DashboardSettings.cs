using Microsoft.Extensions.Options;

namespace IncidentBot.Scheduling;

/// <summary>The <c>Dashboard</c> section: Hangfire's dashboard, served only when both credentials are set.</summary>
public sealed class DashboardSettings
{
    public const string Section = "Dashboard";

    public string Path { get; set; } = "/hangfire";

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public bool Enabled => Username.Length > 0 && Password.Length > 0;
}

internal sealed class DashboardSettingsValidator : IValidateOptions<DashboardSettings>
{
    public ValidateOptionsResult Validate(string? name, DashboardSettings options)
    {
        if ((options.Username.Length > 0) != (options.Password.Length > 0))
        {
            return ValidateOptionsResult.Fail("Dashboard:Username and Dashboard:Password must be set together (or both left empty, which turns the dashboard off).");
        }
        if (!options.Path.StartsWith('/') || options.Path.Length < 2 || options.Path.EndsWith('/'))
        {
            return ValidateOptionsResult.Fail($"Dashboard:Path must start with '/' and name a path such as /hangfire (it is '{options.Path}').");
        }
        return ValidateOptionsResult.Success;
    }
}
