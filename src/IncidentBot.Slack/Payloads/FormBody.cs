using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace IncidentBot.Slack;

/// <summary>An <c>application/x-www-form-urlencoded</c> body, decoded with ASP.NET Core's parser (<c>+</c> is a space, <c>%XX</c> is UTF-8).</summary>
internal static class FormBody
{
    public static IReadOnlyDictionary<string, StringValues>? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            var form = QueryHelpers.ParseQuery(body);
            // %00 decodes to a NUL no Slack text has and PostgreSQL cannot store: malformed.
            return form.Any(f => f.Key.Contains('\0', StringComparison.Ordinal) || f.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)) ? null : form;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
        {
            return null;
        }
    }

    /// <summary>The first value of <paramref name="name"/>, or null when absent.</summary>
    public static string? Get(IReadOnlyDictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
}
