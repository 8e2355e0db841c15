using System.Collections.Concurrent;

namespace IncidentBot.Storage;

/// <summary>
/// Incidents whose row cannot be read back (a value this version does not know). Readers skip them
/// instead of failing for everyone; each is reported once through <paramref name="found"/> and listed
/// here (for <c>/healthz</c>) until it reads again.
/// </summary>
public sealed class UnreadableRows(Action<string, string>? found = null)
{
    private readonly ConcurrentDictionary<string, string> _rows = new(StringComparer.Ordinal);

    /// <summary>Row (e.g. <c>INC-7</c>) and why it cannot be read, in row order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Current => _rows.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray();

    internal void Report(string row, string reason)
    {
        if (_rows.TryAdd(row, reason))
        {
            found?.Invoke(row, reason);
        }
    }

    internal void Readable(string row)
    {
        if (!_rows.IsEmpty)
        {
            _rows.TryRemove(row, out _);
        }
    }
}
