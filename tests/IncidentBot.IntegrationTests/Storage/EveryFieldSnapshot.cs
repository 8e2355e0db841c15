using System.Reflection;
using IncidentBot.Domain;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>
/// An <see cref="IncidentSnapshot"/> with every property but the number (the store's key) set to a
/// distinct non-default value, found by reflection: a field added to the record is covered without a test edit.
/// </summary>
public static class EveryFieldSnapshot
{
    private static readonly DateTimeOffset Base = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    public static IncidentSnapshot Create()
    {
        var snapshot = new IncidentSnapshot { Title = "", DeclaredBy = "", Channel = "" };
        var properties = typeof(IncidentSnapshot).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        for (var i = 0; i < properties.Length; i++)
        {
            if (properties[i].Name != nameof(IncidentSnapshot.Number))
            {
                properties[i].SetValue(snapshot, ValueFor(properties[i], i + 1));
            }
        }
        return snapshot;
    }

    /// <summary>The properties of <paramref name="expected"/> that <paramref name="actual"/> does not hold, with both values.</summary>
    public static IReadOnlyList<string> Differences(IncidentSnapshot expected, IncidentSnapshot actual) =>
        typeof(IncidentSnapshot).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => !Equals(p.GetValue(expected), p.GetValue(actual)))
            .Select(p => $"{p.Name} (wrote '{p.GetValue(expected)}', read '{p.GetValue(actual)}')")
            .ToList();

    private static object ValueFor(PropertyInfo property, int n)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type.IsEnum)
        {
            // Flags: every named flag at once ("Revenue, CustomerFacing, ..."); otherwise the last named value.
            var values = Enum.GetValues(type).Cast<object>().Select(Convert.ToInt64).ToList();
            var value = type.IsDefined(typeof(FlagsAttribute), false) ? values.Aggregate(0L, (all, v) => all | v) : values[^1];
            return Enum.ToObject(type, value);
        }
        return type switch
        {
            _ when type == typeof(string) => $"{property.Name} ünïcödé \"{n}\"",
            _ when type == typeof(bool) => true,
            _ when type == typeof(int) => 1000 + n,
            _ when type == typeof(long) => 100_000L + n,
            _ when type == typeof(DateTimeOffset) => Base.AddMinutes(n).AddMilliseconds(n),
            _ => throw new NotSupportedException($"{nameof(IncidentSnapshot)}.{property.Name} is a {type.Name}: give {nameof(EveryFieldSnapshot)} a value for it (and check the store maps it)."),
        };
    }
}
