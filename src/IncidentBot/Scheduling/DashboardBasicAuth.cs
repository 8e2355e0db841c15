using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;

namespace IncidentBot.Scheduling;

/// <summary>
/// HTTP Basic authentication in front of the dashboard: 401 with <c>WWW-Authenticate</c> unless the
/// request carries the configured user and password, compared in constant time (as SHA-256 digests,
/// so neither content nor length leaks through timing).
/// </summary>
internal sealed class DashboardBasicAuth(DashboardSettings settings)
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes($"{settings.Username}:{settings.Password}"));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (Authorized(context.Request.Headers.Authorization.ToString()))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"IncidentBot scheduler\", charset=\"UTF-8\"";
    }

    private bool Authorized(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        Span<byte> decoded = stackalloc byte[1024];
        if (!Convert.TryFromBase64String(header[6..].Trim(), decoded, out var length))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(decoded[..length]), _expected);
    }
}

/// <summary>The Basic check above has let the request through; Hangfire's own filter (local requests only) would refuse it behind a proxy.</summary>
internal sealed class AuthenticatedAbove : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => true;
}
