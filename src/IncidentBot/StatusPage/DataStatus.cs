using IncidentBot.Catalog;
using IncidentBot.Domain;
using IncidentBot.Domain.Alerts;
using IncidentBot.Domain.Catalog;
using IncidentBot.Domain.Ports;

namespace IncidentBot.StatusPage;

/// <summary>One active incident as the status page and the asset API see it: its assets resolved, its blast radius, its link.</summary>
public sealed record IncidentImpact(Incident Incident, BlastRadius Radius, IReadOnlySet<int> Direct, IReadOnlySet<int> Downstream, string? Url);

/// <summary>What one asset's status is: ok, or the incidents on it (directly or upstream of it).</summary>
public sealed record AssetStatus(string Asset, CatalogAsset? Known, IReadOnlyList<(IncidentImpact Impact, bool Direct)> Incidents)
{
    public string Status => Incidents.Count == 0 ? "ok" : "incident";
}

/// <summary>
/// The open incidents with their blast radius, read from the database at each request (so every replica
/// answers the same, and a declaration, resolution or asset change shows at once), and the status of
/// any asset against them. A resolved incident is not active, so its assets are ok again.
/// </summary>
public sealed class DataStatus(IIncidentStore store, IMessageLinks links, CatalogService catalog, TimeProvider time)
{
    /// <summary>How long a headline's missing link is not looked up again (it comes a moment after the post).</summary>
    public static readonly TimeSpan LinkRetry = TimeSpan.FromSeconds(1);

    /// <summary>Active incidents considered (a page of the store's active list).</summary>
    public const int IncidentLimit = 500;

    /// <summary>Each incident's walk, kept while its row (version) and the catalog are the same: the walk is the costly part, the rows are read every time.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, (int Version, DataCatalog Catalog, string? Ts, IncidentImpact Impact, DateTimeOffset LinkTried)> _walks = new();

    public sealed record Snapshot(DataCatalog Catalog, IReadOnlyList<IncidentImpact> Incidents);

    /// <summary>A snapshot, the stamp of the active incidents it was built from, and when.</summary>
    private sealed record Stamped(string Stamp, Snapshot Snapshot, DateTimeOffset BuiltAt);

    private volatile Stamped? _last;

    public async Task<Snapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var known = await catalog.GetAsync(cancellationToken);
        // One cheap query says whether any active incident changed since the last snapshot; most reads
        // then reuse it instead of reading every active incident's row again.
        var stamp = await store.ActiveStampAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (_last is { } last && last.Stamp == stamp && ReferenceEquals(last.Snapshot.Catalog, known)
            && (now - last.BuiltAt < LinkRetry || last.Snapshot.Incidents.All(i => i.Url is not null || i.Incident.HeadlineTs is null)))
        {
            return last.Snapshot;
        }
        var snapshot = await BuildAsync(known, cancellationToken);
        _last = new Stamped(stamp, snapshot, now);
        return snapshot;
    }

    private async Task<Snapshot> BuildAsync(DataCatalog known, CancellationToken cancellationToken)
    {
        var active = await store.ListActiveAsync(IncidentLimit, cancellationToken);
        var impacts = new List<IncidentImpact>(active.Count);
        foreach (var incident in active)
        {
            IncidentImpact impact;
            if (_walks.TryGetValue(incident.Number, out var cached) && cached.Version == incident.Version && ReferenceEquals(cached.Catalog, known) && cached.Ts == incident.HeadlineTs)
            {
                // The walk stands; a link not known yet (the headline's permalink comes after its post) is looked up again now and then.
                impact = cached.Impact;
                if (impact.Url is null && incident.HeadlineTs is { } pending && time.GetUtcNow() - cached.LinkTried >= LinkRetry)
                {
                    impact = impact with { Url = await links.FindAsync(incident.Channel, pending, cancellationToken) };
                    _walks[incident.Number] = cached with { Impact = impact, LinkTried = time.GetUtcNow() };
                }
                impacts.Add(impact);
                continue;
            }
            var names = AssetNames.Split(incident.AffectedAssets);
            var radius = BlastRadius.Of(known, names);
            var direct = names.Select(known.Find).OfType<int>().ToHashSet();
            var downstream = known.Downstream(direct).ToHashSet();
            var url = incident.HeadlineTs is { } ts ? await links.FindAsync(incident.Channel, ts, cancellationToken) : null;
            impact = new IncidentImpact(incident, radius, direct, downstream, url);
            _walks[incident.Number] = (incident.Version, known, incident.HeadlineTs, impact, time.GetUtcNow());
            impacts.Add(impact);
        }
        if (_walks.Count > 2 * IncidentLimit)
        {
            var open = active.Select(i => i.Number).ToHashSet();
            foreach (var number in _walks.Keys.Where(n => !open.Contains(n)).ToList())
            {
                _walks.TryRemove(number, out _);
            }
        }
        return new Snapshot(known, impacts);
    }

    /// <summary>The status of <paramref name="name"/>, or null when neither the catalog nor an open incident knows it.</summary>
    public static AssetStatus? StatusOf(Snapshot snapshot, string name)
    {
        var index = snapshot.Catalog.Find(name);
        var hits = new List<(IncidentImpact, bool)>();
        foreach (var impact in snapshot.Incidents)
        {
            if (index is { } i)
            {
                if (impact.Direct.Contains(i))
                {
                    hits.Add((impact, true));
                }
                else if (impact.Downstream.Contains(i))
                {
                    hits.Add((impact, false));
                }
            }
            else if (AssetNames.Split(impact.Incident.AffectedAssets).Any(a => snapshot.Catalog.Find(a) is null && AssetNames.Same(a, name)))
            {
                hits.Add((impact, true));
            }
        }
        if (index is null && hits.Count == 0)
        {
            return null;
        }
        var asset = index is { } found ? snapshot.Catalog.Assets[found] : null;
        return new AssetStatus(asset?.UniqueId ?? name.Trim(), asset, hits.OrderByDescending(h => h.Item2).ThenBy(h => h.Item1.Incident.Severity).ToList());
    }
}
