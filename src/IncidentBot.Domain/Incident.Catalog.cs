using IncidentBot.Domain.Catalog;

namespace IncidentBot.Domain;

/// <summary>What the thread must hear about an incident's blast radius: the full list when it is new, and the owners not told yet.</summary>
public sealed record BlastRadiusNews(BlastRadius Radius, bool ListRadius, IReadOnlyList<string> NewOwners, bool OwnersToldBefore, ImpactFlags AddedImpact);

/// <summary>The incident and the data catalog: blast radius told once, owners told once each, business impact the catalog flags.</summary>
public sealed partial class Incident
{
    /// <summary>
    /// Records what the thread is about to be told of <paramref name="radius"/>: the list when it differs
    /// from the one told last, the owners nobody told yet, and the catalog's impact flags (routed like
    /// <c>/incident impact</c>). Null when there is nothing new to say.
    /// </summary>
    public BlastRadiusNews? TellBlastRadius(BlastRadius radius, DateTimeOffset now)
    {
        if (!IsActive || radius.Affected.Count == 0)
        {
            return null;
        }
        var told = (_s.OwnersTold ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var newOwners = radius.Owners.Where(o => !told.Contains(o)).ToList();
        var list = radius.Fingerprint != _s.BlastRadiusTold;
        var impact = radius.Impact == ImpactFlags.None ? ImpactFlags.None : AddImpact(radius.Impact, SystemActor, now);
        if (!list && newOwners.Count == 0 && impact == ImpactFlags.None)
        {
            return null;
        }
        _s = _s with
        {
            BlastRadiusTold = radius.Fingerprint,
            OwnersTold = newOwners.Count == 0 ? _s.OwnersTold : string.Join('\n', told.Concat(newOwners)),
        };
        return new BlastRadiusNews(radius, list, newOwners, told.Count > 0, impact);
    }

    /// <summary>
    /// Adds and removes affected assets as the investigation learns (<c>/incident assets</c>, the update
    /// form). A removed name takes out every listed name for the same asset (the catalog decides where it
    /// knows both). True when the list changed.
    /// </summary>
    public bool ChangeAssets(IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove, string user, DateTimeOffset now, DataCatalog? catalog = null)
    {
        var kept = Alerts.AssetNames.Split(_s.AffectedAssets).Where(a => !remove.Any(r => Alerts.AssetNames.Same(a, r, catalog))).ToList();
        return SetAssets(Alerts.AssetNames.Merge(kept.Count == 0 ? null : string.Join(", ", kept), add, catalog), user, now);
    }

    /// <summary>Replaces the affected assets with <paramref name="names"/> (the update form's field, edited); true when the list changed.</summary>
    public bool ReplaceAssets(IReadOnlyCollection<string> names, string user, DateTimeOffset now, DataCatalog? catalog = null) =>
        SetAssets(Alerts.AssetNames.Merge(null, names, catalog), user, now);

    private bool SetAssets(string? merged, string user, DateTimeOffset now)
    {
        if (_s.State is IncidentState.Cancelled or IncidentState.Closed)
        {
            throw new IncidentRuleException($"{Reference} is {_s.State.DisplayName()}; its affected assets stay as they were. Reopen it first if the data is wrong again.");
        }
        if (merged == _s.AffectedAssets)
        {
            return false;
        }
        Record(now, user, TimelineKind.Note, $"Affected: {merged ?? "none"}", _s.AffectedAssets, merged);
        _s = _s with { AffectedAssets = merged };
        return true;
    }
}
