namespace IncidentBot.Slack;

/// <summary>
/// Whom a request was sent for: the app (<c>api_app_id</c>) and the workspaces or Enterprise Grid
/// organisation it speaks of. On Enterprise Grid and in channels shared with another organisation the
/// sender's <c>team_id</c> may be someone else's, so the workspace allow-list matches any of these.
/// </summary>
public sealed record SlackInstallation(string? AppId, string? EnterpriseId, IReadOnlyList<string> TeamIds)
{
    public static SlackInstallation Of(SlashCommand command) =>
        new(command.ApiAppId, command.EnterpriseId, Ids(command.TeamId));

    public static SlackInstallation Of(InteractionPayload payload) =>
        new(payload.ApiAppId, payload.EnterpriseId, Ids(payload.TeamId, payload.UserTeamId));

    public static SlackInstallation Of(EventEnvelope envelope) =>
        new(envelope.ApiAppId, envelope.EnterpriseId, Ids([.. envelope.AuthorizedIds, envelope.TeamId]));

    /// <summary>True when <paramref name="teamOrEnterpriseId"/> (a <c>T...</c> workspace or an <c>E...</c> organisation) is among them.</summary>
    public bool Includes(string teamOrEnterpriseId) =>
        string.Equals(EnterpriseId, teamOrEnterpriseId, StringComparison.Ordinal) || TeamIds.Contains(teamOrEnterpriseId, StringComparer.Ordinal);

    private static string[] Ids(params string?[] ids) => ids.OfType<string>().Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
}
