using IncidentBot.Domain;

namespace IncidentBot.Storage.Incidents;

/// <summary>The active states as SQL, from the domain's <see cref="IncidentStateExtensions.IsActive"/> so the two cannot drift.</summary>
// Enum names, not input: safe to inline, and Dapper's list expansion differs between the providers.
internal static class ActiveStates
{
    /// <summary>e.g. <c>('Open', 'Investigating', 'Fixing', 'Verifying')</c>.</summary>
    public static readonly string SqlList =
        "(" + string.Join(", ", Enum.GetValues<IncidentState>().Where(s => s.IsActive()).Select(s => $"'{StoredEnum.Name(s)}'")) + ")";
}
