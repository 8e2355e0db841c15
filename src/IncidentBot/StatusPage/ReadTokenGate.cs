using System.Security.Cryptography;
using System.Text;
using IncidentBot.Configuration;
using IncidentBot.Http;
using Microsoft.Extensions.Options;

namespace IncidentBot.StatusPage;

/// <summary>
/// <c>Web:ReadToken</c>: the pages people read (status, asset API, postmortem drafts, metrics) need it when
/// it is set. <c>Authorization: Bearer</c> for tools; <c>?token=</c> once for a browser, which gets an
/// HttpOnly cookie (a hash of the token, not the token) and is sent on to the same address without it.
/// </summary>
public sealed class ReadTokenGate(RequestDelegate next, IOptionsMonitor<WebOptions> options)
{
    public const string CookieName = "incidentbot_read";

    /// <summary>The paths it guards, as routing matches them: any letter case, with or without a trailing slash.</summary>
    public static bool Guards(PathString path)
    {
        var p = new PathString((path.Value ?? "").TrimEnd('/'));
        return p.Equals("/status", StringComparison.OrdinalIgnoreCase)
            || p.StartsWithSegments("/api/assets", StringComparison.OrdinalIgnoreCase)
            || p.Equals("/metrics", StringComparison.OrdinalIgnoreCase)
            || (p.StartsWithSegments("/incidents", StringComparison.OrdinalIgnoreCase) && p.Value!.EndsWith("/postmortem", StringComparison.OrdinalIgnoreCase));
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.CurrentValue;
        if (!settings.HasReadToken || !Guards(context.Request.Path))
        {
            await next(context);
            return;
        }
        var token = settings.ReadToken!.Trim();
        var request = context.Request;
        if (Tokens.Matches(request, token, allowQuery: false)
            || (request.Cookies.TryGetValue(CookieName, out var cookie) && Tokens.Same(cookie, CookieValue(token))))
        {
            await next(context);
            return;
        }
        if (request.Query.TryGetValue("token", out var given) && Tokens.Same(given.ToString(), token))
        {
            context.Response.Cookies.Append(CookieName, CookieValue(token), new CookieOptions
            {
                HttpOnly = true,
                Secure = request.IsHttps,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                MaxAge = TimeSpan.FromDays(30),
            });
            var rest = string.Join('&', request.Query.Where(q => q.Key != "token").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}"));
            context.Response.Redirect(request.PathBase + request.Path + (rest.Length > 0 ? "?" + rest : ""));
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await context.Response.WriteAsync("This page needs the read token (Web:ReadToken): send Authorization: Bearer <token>, or open it once with ?token=<token>.");
    }

    private static string CookieValue(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("incidentbot-read-cookie:" + token)));
}
