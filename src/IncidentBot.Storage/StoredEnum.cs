namespace IncidentBot.Storage;

/// <summary>Enums are stored as their names (text), so the database reads on its own and reordering an enum cannot corrupt data.</summary>
internal static class StoredEnum
{
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString();

    public static TEnum Parse<TEnum>(string text, string column)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) && (typeof(TEnum).IsDefined(typeof(FlagsAttribute), false) || Enum.IsDefined(value))
            ? value
            : throw new InvalidDataException($"Column {column} holds '{text}', which is not a {typeof(TEnum).Name}; was the database written by a newer IncidentBot?");
}
