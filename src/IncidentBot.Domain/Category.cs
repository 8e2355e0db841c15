namespace IncidentBot.Domain;

/// <summary>The six incident categories of the data-incident runbook.</summary>
public enum Category
{
    DataQuality,
    PipelineFailure,
    SchemaBreak,
    StaleData,
    DataLoss,
    DuplicateLoad,
}

public static class CategoryExtensions
{
    public static readonly IReadOnlyList<Category> All =
        [Category.DataQuality, Category.PipelineFailure, Category.SchemaBreak, Category.StaleData, Category.DataLoss, Category.DuplicateLoad];

    public static string DisplayName(this Category category) => category switch
    {
        Category.DataQuality => "Data Quality",
        Category.PipelineFailure => "Pipeline Failure",
        Category.SchemaBreak => "Schema Break",
        Category.StaleData => "Stale Data",
        Category.DataLoss => "Data Loss",
        _ => "Duplicate Load",
    };

    public static string Description(this Category category) => category switch
    {
        Category.DataQuality => "Incorrect values in production tables",
        Category.PipelineFailure => "Pipeline run failed or timed out",
        Category.SchemaBreak => "Upstream schema change broke downstream",
        Category.StaleData => "Data loaded but not refreshed on schedule",
        Category.DataLoss => "Records missing or deleted unexpectedly",
        _ => "Same batch loaded multiple times",
    };

    /// <summary>The runbook's typical severity; used when a category is given without a severity.</summary>
    public static Severity TypicalSeverity(this Category category) => category switch
    {
        Category.DataLoss => Severity.P0,
        Category.PipelineFailure or Category.SchemaBreak or Category.StaleData => Severity.P2,
        _ => Severity.P1,
    };

    /// <summary>Accepts the enum name ("StaleData"), the display name ("Stale Data") or kebab case ("stale-data").</summary>
    public static bool TryParse(string? text, out Category category)
    {
        category = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var key = new string(text.Where(char.IsLetter).ToArray());
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToString(), key, StringComparison.OrdinalIgnoreCase))
            {
                category = candidate;
                return true;
            }
        }
        return false;
    }
}

/// <summary>Guesses a category from a one-line title, for <c>/incident open P1 &lt;title&gt;</c> without a category.</summary>
public static class CategoryGuess
{
    private static readonly (Category Category, Func<string, bool> Matches)[] Rules =
    [
        (Category.DuplicateLoad, t => Any(t, "duplicate", "doubled", "twice", "double-loaded", "dupes")),
        (Category.SchemaBreak, t => Any(t, "schema", "contract") || (Any(t, "column", "field") && Any(t, "drop", "renam", "remov", "missing", "type", "added", "changed"))),
        (Category.DataLoss, t => Any(t, "missing", "lost", "deleted", "truncated", "dropped rows", "data loss")),
        (Category.StaleData, t => Any(t, "stale", "freshness", "not refreshed", "outdated", "late", "lag", "as of")),
        (Category.PipelineFailure, t => Any(t, "failed", "failing", "failure", "timeout", "timed out", "skipped", "crash", "dag", "job")),
    ];

    public static Category FromTitle(string title)
    {
        var lower = title.ToLowerInvariant();
        foreach (var (category, matches) in Rules)
        {
            if (matches(lower))
            {
                return category;
            }
        }
        return Category.DataQuality;
    }

    private static bool Any(string text, params string[] words) => words.Any(w => text.Contains(w, StringComparison.Ordinal));
}
