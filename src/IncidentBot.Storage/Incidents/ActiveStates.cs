using IncidentBot.Domain;

namespace IncidentBot.Storage.Incidents;

/// <summary>
/// The domain decides which states are active (<see cref="IncidentStateExtensions.IsActive"/>); the
/// SQL lists them from there, so the two cannot drift. The names are enum identifiers, not input, so
/// inlining them is safe (and avoids Dapper's list expansion, which differs between providers).
/// </summary>
internal static class ActiveStates
{
    /// <summary>e.g. <c>('Open', 'Investigating', 'Fixing', 'Verifying')</c>.</summary>
    public static readonly string SqlList =
        "(" + string.Join(", ", Enum.GetValues<IncidentState>().Where(s => s.IsActive()).Select(s => $"'{StoredEnum.Name(s)}'")) + ")";
}
