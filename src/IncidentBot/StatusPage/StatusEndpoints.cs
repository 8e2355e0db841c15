using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using IncidentBot.Domain;
using IncidentBot.Domain.Alerts;
using IncidentBot.Domain.Catalog;
using IncidentBot.Messages;
using IncidentBot.SlackApi;

namespace IncidentBot.StatusPage;

/// <summary>
/// <c>GET /api/assets/{name}/status</c> (JSON) and <c>GET /status</c> (HTML for the people who use the
/// data): both answer from <see cref="DataStatus"/>, so the page and the API always agree.
/// </summary>
public static class StatusEndpoints
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static async Task<IResult> AssetAsync(string name, DataStatus status, CancellationToken cancellationToken)
    {
        var snapshot = await status.ReadAsync(cancellationToken);
        var found = DataStatus.StatusOf(snapshot, name);
        if (found is null)
        {
            return Results.Json(new { error = $"Unknown asset '{Shorten(name)}': not in the dbt catalog and not affected by an open incident." }, statusCode: StatusCodes.Status404NotFound);
        }
        return Results.Json(new
        {
            asset = found.Asset,
            status = found.Status,
            incidents = found.Incidents.Select(h => new
            {
                @ref = h.Impact.Incident.Reference,
                severity = h.Impact.Incident.Severity.Code(),
                state = h.Impact.Incident.State.ToString(),
                title = h.Impact.Incident.Title,
                direct = h.Direct,
                url = h.Impact.Url,
            }),
        });
    }

    public static async Task<IResult> PageAsync(HttpContext context, DataStatus status, UserNames names, TimeProvider time, CancellationToken cancellationToken)
    {
        var snapshot = await status.ReadAsync(cancellationToken);
        var query = context.Request.Query["asset"].ToString().Trim();
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var html = Render(snapshot, query, nonce, names, time.GetUtcNow());
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'nonce-{nonce}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static string Render(DataStatus.Snapshot snapshot, string query, string nonce, UserNames names, DateTimeOffset now)
    {
        var page = new StringBuilder();
        page.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Data status</title><style nonce=\"").Append(nonce).Append("\">").Append(Css).Append("</style></head><body><main>")
            .Append("<h1>Data status</h1>");
        page.Append(snapshot.Incidents.Count == 0
            ? "<p class=\"ok banner\">All data is ok: no open incidents.</p>"
            : $"<p class=\"incident banner\">{snapshot.Incidents.Count} open incident{(snapshot.Incidents.Count == 1 ? "" : "s")}: hold off on the data below until resolved.</p>");

        page.Append("<form method=\"get\" action=\"status\" role=\"search\"><label for=\"asset\">Is this table or dashboard ok?</label><div class=\"row\">")
            .Append("<input id=\"asset\" name=\"asset\" type=\"search\" autocomplete=\"off\" placeholder=\"orders, analytics.prod.orders, Revenue Dashboard\" value=\"").Append(Html.Encode(query)).Append("\">")
            .Append("<button type=\"submit\">Check</button></div></form>");
        if (query.Length > 0)
        {
            page.Append("<section id=\"results\" aria-live=\"polite\"><h2>Results for “").Append(Html.Encode(query)).Append("”</h2>");
            var results = Matches(snapshot, query);
            if (results.Count == 0)
            {
                page.Append("<p>No table or dashboard by that name in the dbt catalog, and no open incident names it.</p>");
            }
            foreach (var result in results)
            {
                AppendAsset(page, result);
            }
            page.Append("</section>");
        }

        page.Append("<section id=\"incidents\"><h2>Open incidents</h2>");
        foreach (var impact in snapshot.Incidents.OrderBy(i => i.Incident.Severity).ThenBy(i => i.Incident.DetectedAt))
        {
            AppendIncident(page, impact, names, now);
        }
        if (snapshot.Incidents.Count == 0)
        {
            page.Append("<p>None.</p>");
        }
        page.Append("</section><footer>");
        var catalog = snapshot.Catalog;
        page.Append(catalog.IsEmpty ? "No dbt catalog loaded: downstream dashboards are not known." : $"dbt catalog: {Count(catalog.Models, "model")}, {Count(catalog.Sources, "source")}, {Count(catalog.Exposures, "exposure")}.");
        page.Append(" Updated ").Append(Html.Encode(now.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture))).Append(".</footer></main></body></html>");
        return page.ToString();
    }

    /// <summary>The asset the query names, else up to ten the catalog finds for it.</summary>
    private static List<AssetStatus> Matches(DataStatus.Snapshot snapshot, string query)
    {
        if (DataStatus.StatusOf(snapshot, query) is { } exact)
        {
            return [exact];
        }
        return snapshot.Catalog.Search(query, 10).Select(a => DataStatus.StatusOf(snapshot, a.UniqueId)).OfType<AssetStatus>().ToList();
    }

    private static void AppendAsset(StringBuilder page, AssetStatus result)
    {
        var name = result.Known?.DisplayName ?? result.Asset;
        page.Append("<article class=\"asset ").Append(result.Status).Append("\"><h3>").Append(Html.Encode(name))
            .Append(" <span class=\"badge\">").Append(result.Status == "ok" ? "ok" : "incident").Append("</span></h3>");
        if (result.Known is { } known)
        {
            page.Append("<p class=\"meta\">").Append(Html.Encode(Kind(known))).Append(" · ").Append(Html.Encode(known.UniqueId)).Append("</p>");
        }
        foreach (var (impact, direct) in result.Incidents)
        {
            page.Append("<p>").Append(direct ? "Affected by " : "Downstream of ").Append(Link(impact)).Append(' ')
                .Append(Html.Encode(impact.Incident.Severity.Code())).Append(", ").Append(Html.Encode(impact.Incident.State.ToString())).Append(": ")
                .Append(Html.Encode(impact.Incident.Title)).Append("</p>");
        }
        if (result.Incidents.Count == 0)
        {
            page.Append("<p>No open incident affects it or anything upstream of it.</p>");
        }
        page.Append("</article>");
    }

    private static void AppendIncident(StringBuilder page, IncidentImpact impact, UserNames names, DateTimeOffset now)
    {
        var incident = impact.Incident;
        page.Append("<article class=\"card sev-").Append(Html.Encode(incident.Severity.Code())).Append("\"><h3>").Append(Link(impact)).Append(" <span class=\"badge\">")
            .Append(Html.Encode(incident.Severity.Code())).Append("</span> ").Append(Html.Encode(incident.Title)).Append("</h3><dl>");
        Row(page, "State", incident.State.ToString());
        Row(page, "Age", SlackTime.Duration(now - incident.DetectedAt));
        Row(page, "Owner", names.Cached(incident.ResponsibleUser) ?? incident.ResponsibleUser);
        Row(page, "Affected", incident.AffectedAssets ?? "not yet known");
        if (impact.Radius.Affected.Count > 0)
        {
            var dashboards = impact.Radius.DownstreamExposures.Select(e => e.DisplayName).ToList();
            Row(page, "Downstream", impact.Radius.Summary + (dashboards.Count > 0 ? ": " + string.Join(", ", dashboards) : ""));
        }
        if (incident.LatestUpdate is { } update)
        {
            Row(page, "Last update", (incident.LastUpdateAt is { } at ? SlackTime.Duration(now - at) + " ago: " : "") + update);
        }
        page.Append("</dl></article>");
    }

    private static void Row(StringBuilder page, string term, string value) =>
        page.Append("<dt>").Append(Html.Encode(term)).Append("</dt><dd>").Append(Html.Encode(value)).Append("</dd>");

    private static string Link(IncidentImpact impact) =>
        impact.Url is { } url && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? $"<a href=\"{Html.Encode(url)}\">{Html.Encode(impact.Incident.Reference)}</a>"
            : Html.Encode(impact.Incident.Reference);

    private static string Kind(CatalogAsset asset) => asset.Kind switch
    {
        AssetKind.Exposure => asset.ExposureType ?? "exposure",
        _ => asset.Kind.ToString().ToLowerInvariant(),
    };

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100];

    private const string Css = """
        :root{color-scheme:light dark;--ok:#1a7f37;--bad:#c62828;--muted:#6b7280}
        *{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
        main{max-width:48rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem;margin:.2rem 0 .8rem}h2{font-size:1.15rem;margin:1.4rem 0 .5rem}h3{font-size:1rem;margin:0 0 .4rem}
        .banner{padding:.6rem .8rem;border-radius:.5rem;font-weight:600}.banner.ok{background:#e6f4ea;color:var(--ok)}.banner.incident{background:#fdecea;color:var(--bad)}
        form label{display:block;font-weight:600;margin-bottom:.3rem}.row{display:flex;gap:.5rem}
        input{flex:1;min-width:0;font:inherit;padding:.55rem .6rem;border:1px solid var(--muted);border-radius:.4rem}
        button{font:inherit;padding:.55rem 1rem;border:0;border-radius:.4rem;background:#2563eb;color:#fff}
        article{border:1px solid #d1d5db;border-left-width:.35rem;border-radius:.5rem;padding:.7rem .8rem;margin:.6rem 0;overflow-wrap:anywhere}
        article.ok{border-left-color:var(--ok)}article.incident,.card{border-left-color:var(--bad)}.sev-P0,.sev-P1{border-left-color:#7f1d1d}
        .badge{font-size:.75rem;padding:.1rem .45rem;border-radius:1rem;background:#e5e7eb;color:#111;vertical-align:middle}
        .meta,footer{color:var(--muted);font-size:.85rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem;margin:0}dt{font-weight:600}dd{margin:0}
        footer{margin-top:2rem}
        """;
}
