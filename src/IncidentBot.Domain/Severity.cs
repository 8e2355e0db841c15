namespace IncidentBot.Domain;

/// <summary>Incident severity from the data-incident runbook: P0 is the worst.</summary>
public enum Severity
{
    P0 = 0,
    P1 = 1,
    P2 = 2,
    P3 = 3,
}

public static class SeverityExtensions
{
    public static readonly IReadOnlyList<Severity> All = [Severity.P0, Severity.P1, Severity.P2, Severity.P3];

    /// <summary>Accepts "P0".."P3" in any case; anything else (P7, 0, "high") is rejected.</summary>
    public static bool TryParse(string? text, out Severity severity)
    {
        severity = default;
        if (text is not { Length: 2 } || (text[0] != 'P' && text[0] != 'p') || text[1] < '0' || text[1] > '3')
        {
            return false;
        }
        severity = (Severity)(text[1] - '0');
        return true;
    }

    public static string Code(this Severity severity) => severity.ToString();

    public static string Label(this Severity severity) => severity switch
    {
        Severity.P0 => "Critical",
        Severity.P1 => "High",
        Severity.P2 => "Medium",
        _ => "Low",
    };

    public static string Meaning(this Severity severity) => severity switch
    {
        Severity.P0 => "data unavailable or wrong in a way that hits revenue or customers",
        Severity.P1 => "significant quality degradation hurting business operations",
        Severity.P2 => "quality issue affecting specific reports or use cases",
        _ => "minor issue, a workaround exists",
    };

    public static string Emoji(this Severity severity) => severity switch
    {
        Severity.P0 => ":red_circle:",
        Severity.P1 => ":large_orange_circle:",
        Severity.P2 => ":large_yellow_circle:",
        _ => ":white_circle:",
    };

    /// <summary>P0 and P1 updates are broadcast to the channel as well as the thread.</summary>
    public static bool IsHigh(this Severity severity) => severity <= Severity.P1;
}
