using System.Security.Cryptography;
using System.Text;

namespace IncidentBot.Http;

/// <summary>Bearer tokens in requests, compared in constant time.</summary>
public static class Tokens
{
    /// <summary>The token the request carries: <c>Authorization: Bearer</c>, else (when allowed) <c>?token=</c>; empty when none.</summary>
    public static string Given(HttpRequest request, bool allowQuery)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim()
            : allowQuery ? request.Query["token"].ToString() : "";
    }

    public static bool Matches(HttpRequest request, string token, bool allowQuery) => Same(Given(request, allowQuery), token);

    /// <summary>Equal, in time that does not depend on where they differ (nor, hashed first, on their lengths); an empty value never matches.</summary>
    public static bool Same(string given, string token) =>
        given.Length > 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim())));
}
