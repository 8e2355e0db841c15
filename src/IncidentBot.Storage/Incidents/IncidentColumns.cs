using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text;
using Dapper;
using IncidentBot.Domain;

namespace IncidentBot.Storage.Incidents;

/// <summary>
/// The <c>incidents</c> table by convention: one snake_case column per <see cref="IncidentSnapshot"/>
/// property, enums by name (<see cref="StoredEnum"/>), times as <see cref="UnixMs"/>.
/// </summary>
internal static class IncidentColumns
{
    private static readonly IncidentColumn[] All = typeof(IncidentSnapshot)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(IncidentColumn.For)
        .ToArray();

    private static readonly int NumberOrdinal = Array.FindIndex(All, c => c.Property.Name == nameof(IncidentSnapshot.Number));

    private static readonly IncidentColumn[] Inserted = All.Where(c => c.Property.Name != nameof(IncidentSnapshot.Number)).ToArray();

    private static readonly IncidentColumn[] Updated = All
        .Where(c => c.Property.Name is not (nameof(IncidentSnapshot.Number) or nameof(IncidentSnapshot.Version) or nameof(IncidentSnapshot.Channel)))
        .ToArray();

    /// <summary>Every column, in the order <see cref="ReadAsync"/> reads them.</summary>
    public static readonly string SelectList = string.Join(", ", All.Select(c => c.Name));

    /// <summary>Inserts every column but the number, which the database assigns and returns.</summary>
    public static readonly string Insert = $"""
        INSERT INTO incidents (title_key, {string.Join(", ", Inserted.Select(c => c.Name))})
        VALUES (@TitleKey, {string.Join(", ", Inserted.Select(c => "@" + c.Property.Name))})
        RETURNING number
        """;

    /// <summary>
    /// Writes every column if the version is still the one loaded. The channel and headline are delivery
    /// metadata the outbox worker writes without a version bump: a save never writes the one, nor clears the other.
    /// </summary>
    public static readonly string Update = $"""
        UPDATE incidents SET
            title_key = @TitleKey,
            {string.Join(",\n    ", Updated.Select(c => $"{c.Name} = {UpdateValue(c)}"))},
            version = version + 1
        WHERE number = @Number AND version = @Version
        """;

    /// <summary>Two titles are the same incident when equal ignoring case and surrounding space (ordinal, so both databases agree).</summary>
    public static string KeyOf(string? title) => (title ?? "").Trim().ToUpperInvariant();

    /// <summary>The parameters of <see cref="Insert"/>.</summary>
    public static DynamicParameters InsertParameters(IncidentSnapshot snapshot) => Parameters(snapshot, Inserted);

    /// <summary>The parameters of <see cref="Update"/>: the snapshot, expecting the stored row to be at <paramref name="version"/>.</summary>
    public static DynamicParameters UpdateParameters(IncidentSnapshot snapshot, int version)
    {
        var parameters = Parameters(snapshot, [.. Updated, All[NumberOrdinal]]);
        parameters.Add(nameof(IncidentSnapshot.Version), version, DbType.Int32);
        return parameters;
    }

    private static DynamicParameters Parameters(IncidentSnapshot snapshot, IEnumerable<IncidentColumn> columns)
    {
        var parameters = new DynamicParameters();
        foreach (var column in columns)
        {
            parameters.Add(column.Property.Name, column.Write(column.Property.GetValue(snapshot)), column.DbType);
        }
        parameters.Add("TitleKey", KeyOf(snapshot.Title), DbType.String);
        return parameters;
    }

    /// <summary>
    /// Runs a <c>SELECT {SelectList}</c>; a row holding a value this version cannot read is null in the
    /// list and reported to <paramref name="unreadable"/>.
    /// </summary>
    public static async Task<List<Incident?>> ReadAsync(DbConnection connection, CommandDefinition command, UnreadableRows unreadable)
    {
        var incidents = new List<Incident?>();
        await using var reader = await connection.ExecuteReaderAsync(command);
        while (await reader.ReadAsync(command.CancellationToken))
        {
            var reference = IncidentReference.Format(Convert.ToInt64(reader.GetValue(NumberOrdinal), CultureInfo.InvariantCulture));
            try
            {
                incidents.Add(Incident.FromSnapshot(Read(reader)));
                unreadable.Readable(reference);
            }
            catch (InvalidDataException exception)
            {
                unreadable.Report(reference, exception.Message);
                incidents.Add(null);
            }
        }
        return incidents;
    }

    /// <summary>The one incident the query finds (null when none, or when it cannot be read).</summary>
    public static async Task<Incident?> ReadSingleAsync(DbConnection connection, CommandDefinition command, UnreadableRows unreadable) =>
        (await ReadAsync(connection, command, unreadable)).SingleOrDefault();

    private static IncidentSnapshot Read(DbDataReader reader)
    {
        var snapshot = new IncidentSnapshot { Title = "", DeclaredBy = "", Channel = "" };
        for (var i = 0; i < All.Length; i++)
        {
            All[i].Property.SetValue(snapshot, All[i].Read(reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }
        return snapshot;
    }

    private static string UpdateValue(IncidentColumn column) =>
        column.Property.Name == nameof(IncidentSnapshot.HeadlineTs) ? $"COALESCE(@{column.Property.Name}, {column.Name})" : "@" + column.Property.Name;
}

/// <summary>One property of <see cref="IncidentSnapshot"/> as a column: its name, parameter type and conversions.</summary>
internal sealed record IncidentColumn(PropertyInfo Property, string Name, DbType DbType, Func<object, object> ToDb, Func<object, object> FromDb)
{
    public object? Write(object? value) => value is null ? null : ToDb(value);

    public object? Read(object? value)
    {
        if (value is not null)
        {
            return FromDb(value);
        }
        return Property.PropertyType.IsValueType && Nullable.GetUnderlyingType(Property.PropertyType) is null
            ? throw new InvalidDataException($"Column incidents.{Name} is empty, but {nameof(IncidentSnapshot)}.{Property.Name} cannot be.")
            : null;
    }

    public static IncidentColumn For(PropertyInfo property)
    {
        var name = SnakeCase(property.Name);
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type.IsEnum)
        {
            return (IncidentColumn)typeof(IncidentColumn).GetMethod(nameof(ForEnum), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type).Invoke(null, [property, name])!;
        }
        return Type.GetTypeCode(type) switch
        {
            _ when type == typeof(DateTimeOffset) => new(property, name, DbType.Int64, v => UnixMs.From((DateTimeOffset)v), v => UnixMs.To(Convert.ToInt64(v, CultureInfo.InvariantCulture))),
            TypeCode.String => new(property, name, DbType.String, v => v, v => (string)v),
            TypeCode.Boolean => new(property, name, DbType.Boolean, v => v, v => Convert.ToBoolean(v, CultureInfo.InvariantCulture)),
            TypeCode.Int32 => new(property, name, DbType.Int32, v => v, v => Convert.ToInt32(v, CultureInfo.InvariantCulture)),
            TypeCode.Int64 => new(property, name, DbType.Int64, v => v, v => Convert.ToInt64(v, CultureInfo.InvariantCulture)),
            _ => throw new NotSupportedException(
                $"{nameof(IncidentSnapshot)}.{property.Name} is a {type.Name}; the incident store keeps strings, booleans, int, long, enums and DateTimeOffset (nullable or not)."),
        };
    }

    private static IncidentColumn ForEnum<TEnum>(PropertyInfo property, string name)
        where TEnum : struct, Enum =>
        new(property, name, DbType.String, v => StoredEnum.Name((TEnum)v), v => StoredEnum.Parse<TEnum>((string)v, "incidents." + name));

    /// <summary><c>StateChangedAt</c> is <c>state_changed_at</c>.</summary>
    private static string SnakeCase(string pascal)
    {
        var name = new StringBuilder(pascal.Length + 4);
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && name.Length > 0)
            {
                name.Append('_');
            }
            name.Append(char.ToLowerInvariant(c));
        }
        return name.ToString();
    }
}
