namespace IncidentBot.Domain;

/// <summary>The public reference of an incident, "INC-42". Parsing accepts "inc-42", "INC42" and "#42"-free "42".</summary>
public static class IncidentReference
{
    public const string Prefix = "INC-";

    public static string Format(long number) => Prefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out long number)
    {
        number = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var span = text.AsSpan().Trim();
        if (span.StartsWith("INC", StringComparison.OrdinalIgnoreCase))
        {
            span = span[3..];
            if (span.StartsWith("-"))
            {
                span = span[1..];
            }
        }
        return span.Length is > 0 and <= 18
            && long.TryParse(span, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number)
            && number > 0;
    }
}
