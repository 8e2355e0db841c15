namespace IncidentBot.Slack;

/// <summary>Checks a token can go into an Authorization header as is (RFC 6750 b64token characters).</summary>
internal static class BearerToken
{
    public static bool IsWellFormed(string token)
    {
        if (token.Length == 0)
        {
            return false;
        }
        foreach (var c in token)
        {
            var allowed = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~' or '+' or '/' or '=';
            if (!allowed)
            {
                return false;
            }
        }
        return true;
    }
}
