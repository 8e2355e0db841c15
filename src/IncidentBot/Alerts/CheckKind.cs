using System.Text.RegularExpressions;
using IncidentBot.Domain;

namespace IncidentBot.Alerts;

/// <summary>
/// The category a check's kind implies, read from the words the tools use for their check types and
/// names (an Elementary test type, a Great Expectations expectation type, a Soda check name):
/// <list type="bullet">
/// <item>freshness, recency, recent data, stale: <see cref="Category.StaleData"/>;</item>
/// <item>a schema change, column types, expected columns, or a check called <c>schema</c>: <see cref="Category.SchemaBreak"/>;</item>
/// <item>row count, volume: <see cref="Category.DataLoss"/>. A volume check fires mostly because rows are
/// missing (a partial or skipped load), which is what the runbook calls data loss; a check firing
/// on too many rows is filed the same way, and people can recategorise it;</item>
/// <item>anything else that is a test, an expectation or a check: <see cref="Category.DataQuality"/>
/// (a <c>unique</c> or duplicate check too: it cannot tell a double load from bad keys).</item>
/// </list>
/// Only the check's kind is read, never asset names (a table called <c>volume_sales</c> says nothing).
/// </summary>
internal static partial class CheckKind
{
    /// <summary>The category the kind words imply, or null when they imply none of the specific ones.</summary>
    public static Category? Specific(params ReadOnlySpan<string?> kindWords)
    {
        Category? found = null;
        foreach (var words in kindWords)
        {
            if (string.IsNullOrWhiteSpace(words))
            {
                continue;
            }
            var text = words.Length > 2000 ? words[..2000].ToLowerInvariant() : words.ToLowerInvariant();
            var category = Schema().IsMatch(text) ? Category.SchemaBreak
                : Freshness().IsMatch(text) ? Category.StaleData
                : Volume().IsMatch(text) ? Category.DataLoss
                : (Category?)null;
            if (category is not null && (found is null || Rank(category.Value) < Rank(found.Value)))
            {
                found = category;
            }
        }
        return found;
    }

    /// <summary>The category of a test or check: <see cref="Specific"/>, else <see cref="Category.DataQuality"/>.</summary>
    public static Category OfCheck(params ReadOnlySpan<string?> kindWords) => Specific(kindWords) ?? Category.DataQuality;

    // When several checks of one delivery disagree, the one that tells most about the cause wins.
    private static int Rank(Category category) => category switch
    {
        Category.SchemaBreak => 0,
        Category.StaleData => 1,
        Category.DataLoss => 2,
        _ => 3,
    };

    [GeneratedRegex(@"schema[_ ]?change|column[_ ]?type|to_be_of_type|in_type_list|columns?_to_(match|exist)|table_columns|(^|[^a-z0-9_])schema([^a-z0-9_]|$)")]
    private static partial Regex Schema();

    [GeneratedRegex(@"fresh|recency|recent_data|recent data|stale")]
    private static partial Regex Freshness();

    [GeneratedRegex(@"row[_ ]?count|volume")]
    private static partial Regex Volume();
}
