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

/// <summary>A guessed category and the title's words that decided it (empty when none did and the default was taken).</summary>
public sealed record CategoryGuessResult(Category Category, IReadOnlyList<string> Words);

/// <summary>
/// Guesses a category from a one-line title, for <c>/incident open P1 &lt;title&gt;</c> without a category.
/// Keywords match whole words or their plurals only ("late" is not inside "related"); a word runs
/// from letter to non-letter, hyphens split words and underscores do not (table names stay whole).
/// </summary>
public static class CategoryGuess
{
    private static readonly string[] SchemaChanges = ["drop", "dropped", "rename", "renamed", "remove", "removed", "missing", "type", "added", "changed"];

    private static readonly (Category Category, string[] Keywords, string[]? AlongWith)[] Rules =
    [
        (Category.DuplicateLoad, ["duplicate", "duplicated", "doubled", "twice", "double loaded", "dupe"], null),
        (Category.SchemaBreak, ["schema", "contract"], null),
        (Category.SchemaBreak, ["column", "field"], SchemaChanges),
        (Category.DataLoss, ["missing", "lost", "deleted", "truncated", "dropped rows", "data loss"], null),
        (Category.StaleData, ["stale", "freshness", "not refreshed", "outdated", "late", "lag", "lagging", "as of"], null),
        (Category.PipelineFailure, ["failed", "failing", "failure", "timeout", "timed out", "skipped", "crash", "crashed", "dag", "job"], null),
    ];

    public static Category FromTitle(string title) => Guess(title).Category;

    public static CategoryGuessResult Guess(string title)
    {
        var words = Words(title);
        foreach (var (category, keywords, alongWith) in Rules)
        {
            if (Find(words, keywords) is not { } found)
            {
                continue;
            }
            if (alongWith is null)
            {
                return new(category, [found]);
            }
            if (Find(words, alongWith) is { } second)
            {
                return new(category, [found, second]);
            }
        }
        return new(Category.DataQuality, []);
    }

    /// <summary>The first keyword (one or more words) found in <paramref name="words"/>, as the title wrote it.</summary>
    private static string? Find(IReadOnlyList<string> words, string[] keywords)
    {
        foreach (var keyword in keywords)
        {
            var parts = keyword.Split(' ');
            for (var at = 0; at + parts.Length <= words.Count; at++)
            {
                if (parts.Select((part, i) => Matches(words[at + i], part)).All(m => m))
                {
                    return string.Join(' ', words.Skip(at).Take(parts.Length));
                }
            }
        }
        return null;
    }

    /// <summary>The word itself or its plural: late/lates, duplicate/duplicates, dupe/dupes, entry/entries.</summary>
    private static bool Matches(string word, string keyword)
    {
        var lower = word.ToLowerInvariant();
        return lower == keyword || lower == keyword + "s" || lower == keyword + "es"
            || (keyword.EndsWith('y') && lower == keyword[..^1] + "ies");
    }

    private static List<string> Words(string title)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= title.Length; i++)
        {
            var inWord = i < title.Length && (char.IsLetterOrDigit(title[i]) || title[i] == '_');
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(title[start..i]);
                start = -1;
            }
        }
        return words;
    }
}
