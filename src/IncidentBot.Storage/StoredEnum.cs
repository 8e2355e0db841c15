namespace IncidentBot.Storage;

/// <summary>
/// Enums are stored as their names (text), so the database reads on its own and reordering an enum
/// cannot corrupt data. Only names go in and come out: a number (<c>99</c>, <c>-1</c>) is never
/// written and never read as an enum value.
/// </summary>
internal static class StoredEnum
{
    /// <summary>The member's name (flags: names joined by ", "); refuses a value that has none rather than store a number.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        return AllNames<TEnum>(name)
            ? name
            : throw new InvalidDataException($"{typeof(TEnum).Name} {name} is not one of its named values; refusing to store it.");
    }

    public static TEnum Parse<TEnum>(string text, string column)
        where TEnum : struct, Enum =>
        AllNames<TEnum>(text)
            ? Enum.Parse<TEnum>(text)
            : throw new InvalidDataException($"Column {column} holds '{text}', which is not a {typeof(TEnum).Name}; was the database written by a newer IncidentBot?");

    /// <summary>True when <paramref name="text"/> is a member's exact name, or for a flags enum a ", "-separated list of them.</summary>
    private static bool AllNames<TEnum>(string text)
        where TEnum : struct, Enum
    {
        var parts = typeof(TEnum).IsDefined(typeof(FlagsAttribute), false) ? text.Split(", ") : [text];
        return parts.All(part => Enum.IsDefined(typeof(TEnum), part));
    }
}
