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
}
