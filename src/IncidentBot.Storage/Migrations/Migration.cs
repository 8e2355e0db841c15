using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace IncidentBot.Storage.Migrations;

/// <summary>
/// One numbered schema script, embedded from Migrations/&lt;Database&gt;/NNNN_name.sql. Adding a
/// migration is adding a file per database with the next number; nothing else needs to change.
/// </summary>
internal sealed partial record Migration(int Version, string Name, string Sql)
{
    public string Id => $"{Version:D4}_{Name}";

    /// <summary>The scripts for one database, in version order. Fails loudly on a malformed name or a repeated number.</summary>
    public static IReadOnlyList<Migration> LoadEmbedded(string folder)
    {
        var assembly = typeof(Migration).Assembly;
        var prefix = $"{typeof(Migration).Namespace}.{folder}.";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var fileName = resource[prefix.Length..];
            var match = FileName().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration '{folder}/{fileName}' is not named NNNN_name.sql (four digits, an underscore, lower-case words).");
            }
            migrations.Add(new Migration(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                Read(assembly, resource)));
        }
        var repeated = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new InvalidOperationException($"Migrations {string.Join(" and ", repeated.Select(m => m.Id))} in {folder}/ share version {repeated.Key}; give the newer one the next free number.");
        }
        if (migrations.Count == 0)
        {
            throw new InvalidOperationException($"No migrations are embedded for {folder}; the storage assembly was built without Migrations/{folder}/*.sql.");
        }
        return migrations.OrderBy(m => m.Version).ToList();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration {resource} cannot be read.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}
