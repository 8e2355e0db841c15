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
            return QueryHelpers.ParseQuery(body);
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
