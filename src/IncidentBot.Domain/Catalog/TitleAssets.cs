namespace IncidentBot.Domain.Catalog;

/// <summary>The words of a typed title that exactly name a catalog asset ("orders mart stale" names <c>orders</c> when one asset is called that).</summary>
public static class TitleAssets
{
    private static readonly char[] Separators = [' ', '\t', '\n', ',', ';', '(', ')', '!', '?', '"', '\'', '`', '*', ':'];

    public static IReadOnlyList<string> In(DataCatalog catalog, string? title)
    {
        if (catalog.IsEmpty || string.IsNullOrWhiteSpace(title))
        {
            return [];
        }
        var found = new List<string>();
        var seen = new HashSet<int>();
        foreach (var raw in title.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.TrimEnd('.');
            if (word.Length > 1 && catalog.Find(word) is { } i && seen.Add(i))
            {
                found.Add(word);
            }
        }
        return found;
    }
}
