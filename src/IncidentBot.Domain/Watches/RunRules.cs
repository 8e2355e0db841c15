namespace IncidentBot.Domain.Watches;

/// <summary>What a phantom-success rule found: this run's figure against the usual one (the median of the history).</summary>
public sealed record RunVerdict(bool Suspicious, double Actual, double Usual, IReadOnlyList<string> Missing)
{
    public static readonly RunVerdict Unknown = new(false, 0, 0, []);

    /// <summary>True when there was enough history to judge.</summary>
    public bool Judged => Usual > 0;
}

/// <summary>
/// "Phantom success" (STAT6: the run that skipped the revenue models took 41 s against a usual 145 s
/// and reported green). A successful run is suspicious when it took, or built, less than
/// <c>ratio</c> of the median of the job's last <c>history</c> successful runs before it. Fewer than
/// <see cref="MinimumHistory"/> earlier runs: no judgement (a median of one or two runs is noise).
/// </summary>
public static class RunRules
{
    public const int MinimumHistory = 3;

    /// <summary>Run duration against the median duration of the runs before it.</summary>
    public static RunVerdict Duration(DbtRun run, IEnumerable<DbtRun> earlier, double ratio, int history)
    {
        if (run.Duration is not { } took)
        {
            return RunVerdict.Unknown;
        }
        var usual = Median(Recent(run, earlier, history).Where(r => r.Duration is not null).Select(r => r.Duration!.Value.TotalSeconds).ToList());
        return usual is { } u ? new RunVerdict(took.TotalSeconds < ratio * u, took.TotalSeconds, u, []) : RunVerdict.Unknown;
    }

    /// <summary>Models built against the median count of the runs before it; <see cref="RunVerdict.Missing"/> names the models most of those runs built and this one did not.</summary>
    public static RunVerdict ModelCount(DbtRun run, IEnumerable<DbtRun> earlier, double ratio, int history)
    {
        if (run.Models is not { } built)
        {
            return RunVerdict.Unknown;
        }
        var recent = Recent(run, earlier, history).Where(r => r.Models is not null).ToList();
        var usual = Median(recent.Select(r => (double)r.Models!.Count).ToList());
        if (usual is not { } u)
        {
            return RunVerdict.Unknown;
        }
        var mine = new HashSet<string>(built, StringComparer.Ordinal);
        var missing = recent.SelectMany(r => r.Models!.Distinct(StringComparer.Ordinal))
            .GroupBy(m => m, StringComparer.Ordinal)
            .Where(g => g.Count() * 2 > recent.Count && !mine.Contains(g.Key))
            .Select(g => g.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new RunVerdict(built.Count < ratio * u, built.Count, u, missing);
    }

    /// <summary>The job's last <paramref name="history"/> runs that finished before <paramref name="run"/> (itself excluded).</summary>
    private static IEnumerable<DbtRun> Recent(DbtRun run, IEnumerable<DbtRun> earlier, int history) => earlier
        .Where(r => r.Job == run.Job && r.RunId != run.RunId && r.FinishedAt <= run.FinishedAt)
        .OrderByDescending(r => r.FinishedAt)
        .Take(history);

    private static double? Median(List<double> values)
    {
        if (values.Count < MinimumHistory)
        {
            return null;
        }
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
