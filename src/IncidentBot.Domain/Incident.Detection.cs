using IncidentBot.Domain.Alerts;

namespace IncidentBot.Domain;

/// <summary>
/// How the incident was detected and what its checks say: the runbook's "log the start time and the
/// detection source", and the window the data was wrong, which is what the people who use the data
/// care about (STAT6: wrong for about 60 hours, fixed in 40 minutes once declared).
/// </summary>
public sealed partial class Incident
{
    /// <summary>
    /// Records who detected it (the first source stays) and since when the data was wrong (the earliest
    /// time given; never after the detection, never in the future).
    /// </summary>
    public void RecordDetection(string? source, DateTimeOffset? dataWrongSince, DateTimeOffset now)
    {
        var since = dataWrongSince is { } s && s <= now ? (s > _s.DetectedAt ? _s.DetectedAt : s) : (DateTimeOffset?)null;
        _s = _s with
        {
            DetectionSource = _s.DetectionSource ?? Blank(source),
            DataWrongSince = since is { } t && (_s.DataWrongSince is null || t < _s.DataWrongSince) ? t : _s.DataWrongSince,
        };
    }

    /// <summary>Sets since when the data was wrong, as a person states it (forms); null leaves it as it is.</summary>
    public void SetDataWrongSince(DateTimeOffset? since, string user, DateTimeOffset now)
    {
        if (since is not { } at || at == _s.DataWrongSince)
        {
            return;
        }
        if (at > now)
        {
            throw new IncidentRuleException("\"Data wrong since\" is in the future; give the time the data went wrong (the last good load).");
        }
        var old = _s.DataWrongSince;
        _s = _s with { DataWrongSince = at };
        Record(now, user, TimelineKind.Note, $"Data wrong since {at:yyyy-MM-dd HH:mm} UTC", old?.ToString("O"), at.ToString("O"));
    }

    /// <summary>How long before detection the data was already wrong; null when nobody said since when.</summary>
    public TimeSpan? TimeToDetect => _s.DataWrongSince is { } since ? _s.DetectedAt - since : null;

    /// <summary>How long the data was (or has been, while active) wrong: from <see cref="DataWrongSince"/>, else detection, to resolution or <paramref name="now"/>.</summary>
    public TimeSpan DataWrongFor(DateTimeOffset now) => (_s.ResolvedAt ?? now) - (_s.DataWrongSince ?? _s.DetectedAt);

    /// <summary>True when one of <paramref name="assets"/> is among the affected assets (<see cref="AssetNames.Same"/>).</summary>
    public bool ListsAnyAsset(IReadOnlyCollection<string> assets, Catalog.DataCatalog? catalog = null) =>
        assets.Count > 0 && AssetNames.Split(_s.AffectedAssets).Any(mine => assets.Any(a => AssetNames.Same(mine, a, catalog)));

    /// <summary>Adds assets a check reported; true when the list grew.</summary>
    public bool AddAssets(IEnumerable<string> assets, string actor, DateTimeOffset now, Catalog.DataCatalog? catalog = null)
    {
        var merged = AssetNames.Merge(_s.AffectedAssets, assets, catalog);
        if (merged == _s.AffectedAssets)
        {
            return false;
        }
        Record(now, actor, TimelineKind.Note, $"Affected: {merged}", _s.AffectedAssets, merged);
        _s = _s with { AffectedAssets = merged };
        return true;
    }

    /// <summary>How many of its checks fail and pass now (the headline shows both); true when that changed.</summary>
    public bool CountChecks(int failing, int passing)
    {
        if (failing == _s.ChecksFailing && passing == _s.ChecksPassing)
        {
            return false;
        }
        _s = _s with { ChecksFailing = failing, ChecksPassing = passing };
        return true;
    }

    /// <summary>Every check it has passes again: the owner verifies the data and resolves; the bot never resolves on its own.</summary>
    public bool AllChecksPass => _s.ChecksFailing == 0 && _s.ChecksPassing > 0;
}
