using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace IncidentBot.Slack;

/// <summary>
/// Tolerant reads from Slack JSON: a missing property, a null, or a value of an unexpected kind
/// all read as null, never as an exception. Unknown properties are ignored.
/// </summary>
internal static class JsonRead
{
    /// <summary>Lets payload parsers read odd but valid JSON (comments are not Slack's, but cost nothing).</summary>
    public static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    /// <summary>Parses a JSON object, or returns null with the reason.</summary>
    public static bool TryParseObject(string? json, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out string? error)
    {
        document = null;
        error = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            error = "The body is empty.";
            return false;
        }
        try
        {
            var parsed = JsonDocument.Parse(json, Options);
            error = parsed.RootElement.ValueKind != JsonValueKind.Object
                ? "The JSON is not an object."
                : UndecodableString(parsed.RootElement, "$") is { } path
                    ? $"The JSON string at {Mrkdwn.Truncate(path, 120)} is not text (an escaped lone surrogate such as \\ud800, or a NUL)."
                    : null;
            if (error is null)
            {
                document = parsed;
                return true;
            }
            parsed.Dispose();
            return false;
        }
        catch (JsonException e)
        {
            error = $"The JSON is malformed: {e.Message}";
            return false;
        }
    }

    /// <summary>
    /// The path of the first string or property name that cannot be decoded (JSON allows escaping half a
    /// surrogate pair, .NET strings reading it throw) or holds a NUL, so readers never meet one; null when all read.
    /// </summary>
    private static string? UndecodableString(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Decodes(element) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (UndecodableString(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }
                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryName(property, out var name))
                    {
                        return path + ".(a property name)";
                    }
                    if (UndecodableString(property.Value, $"{path}.{name}") is { } found)
                    {
                        return found;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    private static bool Decodes(JsonElement value)
    {
        try
        {
            // A NUL is valid JSON (\u0000) but no Slack text has one, and PostgreSQL cannot store it.
            return value.GetString()?.Contains('\0', StringComparison.Ordinal) != true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }

    /// <summary>The object at <paramref name="path"/>, or null.</summary>
    public static JsonElement? Object(JsonElement element, params ReadOnlySpan<string> path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }
        return current.ValueKind == JsonValueKind.Object ? current : null;
    }

    /// <summary>The string at <paramref name="path"/>; a number reads as its invariant text; anything else is null.</summary>
    public static string? String(JsonElement element, params ReadOnlySpan<string> path)
    {
        if (path.Length == 0)
        {
            return Scalar(element);
        }
        var parent = Object(element, path[..^1]);
        if (parent is null || !parent.Value.TryGetProperty(path[^1], out var value))
        {
            return null;
        }
        return Scalar(value);
    }

    /// <summary>The integer at <paramref name="path"/> (a JSON number or a numeric string), or null.</summary>
    public static long? Int64(JsonElement element, params ReadOnlySpan<string> path)
    {
        var text = String(element, path);
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>The elements of the array at <paramref name="name"/>, or none.</summary>
    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    /// <summary>True when the object has a property <paramref name="name"/> that is an array.</summary>
    public static bool HasArray(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array;

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out var integer)
            ? integer.ToString(CultureInfo.InvariantCulture)
            : value.GetRawText(),
        _ => null,
    };
}
