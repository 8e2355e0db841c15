using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace IncidentBot.Alerts;

/// <summary>
/// Tolerant reads from an alert tool's JSON (the same idea as the Slack project's reader): a missing
/// property, a null, a value of another kind, or a string that cannot be decoded (an escaped lone
/// surrogate) all read as null, never as an exception. Unknown properties are ignored.
/// </summary>
internal static class AlertJson
{
    public static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    /// <summary>The items of a body that is one object or a list of them (tools send both); anything else has none.</summary>
    public static IEnumerable<JsonElement> Items(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Object => [root],
        JsonValueKind.Array => root.EnumerateArray(),
        _ => [],
    };

    /// <summary>Parses any JSON value (object or array: tools send both), or says why not.</summary>
    public static bool TryParse(string? body, string tool, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out string? error)
    {
        document = null;
        error = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            error = $"The body is empty: send the {tool} JSON payload.";
            return false;
        }
        try
        {
            document = JsonDocument.Parse(body, Options);
            return true;
        }
        catch (JsonException e)
        {
            error = $"The body is not valid JSON ({AlertText.Cut(e.Message, 200)}): send the {tool} JSON payload.";
            return false;
        }
    }

    /// <summary>The property <paramref name="name"/> of an object, whatever its kind; null when absent or when <paramref name="element"/> is no object.</summary>
    public static JsonElement? Get(JsonElement? element, string name)
    {
        if (element is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }
        try
        {
            return value.TryGetProperty(name, out var found) && found.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? found : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The value at <paramref name="path"/>, or null.</summary>
    public static JsonElement? At(JsonElement? element, params ReadOnlySpan<string> path)
    {
        var current = element;
        foreach (var name in path)
        {
            current = Get(current, name);
            if (current is null)
            {
                return null;
            }
        }
        return current;
    }

    /// <summary>The object at <paramref name="path"/>, or null.</summary>
    public static JsonElement? Object(JsonElement? element, params ReadOnlySpan<string> path) =>
        At(element, path) is { ValueKind: JsonValueKind.Object } found ? found : null;

    /// <summary>
    /// The text at <paramref name="path"/>: a string as is, a number as its invariant text, a boolean
    /// as <c>true</c>/<c>false</c>; anything else (and an undecodable string) is null. NULs are dropped.
    /// </summary>
    public static string? String(JsonElement? element, params ReadOnlySpan<string> path) => Scalar(path.Length == 0 ? element : At(element, path));

    /// <summary>The first non-blank text among <paramref name="names"/> (properties of <paramref name="element"/>).</summary>
    public static string? FirstString(JsonElement? element, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (!string.IsNullOrWhiteSpace(String(element, name)))
            {
                return String(element, name)!.Trim();
            }
        }
        return null;
    }

    /// <summary>A JSON boolean, or the strings <c>true</c>/<c>false</c>; anything else is null.</summary>
    public static bool? Bool(JsonElement? element, params ReadOnlySpan<string> path)
    {
        var value = path.Length == 0 ? element : At(element, path);
        return value?.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(Scalar(value), out var parsed) => parsed,
            _ => null,
        };
    }

    /// <summary>An integer (a JSON number or a numeric string), or null.</summary>
    public static long? Int64(JsonElement? element, params ReadOnlySpan<string> path) =>
        long.TryParse(String(element, path), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The elements of the array at <paramref name="path"/>, or none.</summary>
    public static IEnumerable<JsonElement> Array(JsonElement? element, params ReadOnlySpan<string> path) =>
        (path.Length == 0 ? element : At(element, path)) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>True when <paramref name="path"/> holds an array.</summary>
    public static bool IsArray(JsonElement? element, params ReadOnlySpan<string> path) =>
        (path.Length == 0 ? element : At(element, path)) is { ValueKind: JsonValueKind.Array };

    /// <summary>The string properties of an object (labels, annotations), in document order; other kinds and undecodable names are skipped.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> StringMap(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Object } value)
        {
            return [];
        }
        var map = new List<KeyValuePair<string, string>>();
        foreach (var property in value.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                continue;
            }
            if (Scalar(property.Value) is { } text)
            {
                map.Add(new(name.Replace("\0", "", StringComparison.Ordinal), text));
            }
        }
        return map;
    }

    /// <summary>An ISO-8601 time at <paramref name="path"/> (see <see cref="AlertText.Time"/>), or null.</summary>
    public static DateTimeOffset? Time(JsonElement? element, params ReadOnlySpan<string> path) => AlertText.Time(String(element, path));

    private static string? Scalar(JsonElement? value)
    {
        switch (value?.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    return value.Value.GetString()?.Replace("\0", "", StringComparison.Ordinal);
                }
                catch (InvalidOperationException)
                {
                    return null;
                }
            case JsonValueKind.Number:
                return value.Value.TryGetInt64(out var integer) ? integer.ToString(CultureInfo.InvariantCulture) : value.Value.GetRawText();
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            default:
                return null;
        }
    }
}
