using System.Globalization;
using System.Text.RegularExpressions;
using IncidentBot.Domain;
using IncidentBot.Scheduling;
using IncidentBot.Slack;
using Microsoft.Extensions.Options;

namespace IncidentBot.Watches;

/// <summary>One configured watch: a query returning the newest load of a table, how old it may be, how often to look.</summary>
public sealed record WatchDefinition
{
    public required string Name { get; init; }

    /// <summary>The name of a connection string (<c>ConnectionStrings:&lt;Connection&gt;</c>); never logged.</summary>
    public required string Connection { get; init; }

    public required string Query { get; init; }
    public TimeSpan MaxAge { get; init; }
    public TimeSpan Every { get; init; }
    public Severity Severity { get; init; } = Severity.P2;
    public IReadOnlyList<string> Assets { get; init; } = [];

    /// <summary>A Slack user or user group id (<c>U0123</c>, <c>S0123</c>) who owns what the watch declares; null: nobody until someone acknowledges.</summary>
    public string? Owner { get; init; }

    /// <summary>Which <see cref="IWarehouseClient"/> runs the query (<c>postgres</c>).</summary>
    public string Warehouse { get; init; } = PostgresWarehouse.KindName;

    /// <summary>The Hangfire recurring job's id.</summary>
    public string JobId => $"watch/{Name}";

    public string Fingerprint => $"watch:{Name}";

    /// <summary>The Hangfire cron for <see cref="Every"/>, or null when it cannot be one.</summary>
    public string? Cron => OverdueActionItemsJob.Cron(Every);
}

/// <summary>
/// The <c>Watches</c> section: its numbered children are the watches (<c>Watches:0:Name</c>), its named
/// children the settings (<c>Watches:QueryTimeout</c>). The binder cannot read one section as both a
/// list and an object, so <see cref="Bind"/> reads it by hand, and <see cref="Problems"/> says what is wrong in words.
/// </summary>
public sealed partial class WatchesOptions
{
    public const string Section = "Watches";

    public IReadOnlyList<WatchDefinition> Items { get; set; } = [];

    /// <summary>A query that takes longer is cancelled and counts as a failure.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A successful run that took (or built) less than this share of the usual is suspicious.</summary>
    public double FastRunRatio { get; set; } = 0.5;

    /// <summary>How many earlier successful runs of a job make "the usual" (their median).</summary>
    public int RunHistory { get; set; } = 7;

    /// <summary>Failures in a row before the channel is warned (once, until the watch works again).</summary>
    public const int WarnAfter = 3;

    /// <summary>Problems found while reading the section (a value that is not a time span, a severity...).</summary>
    public List<string> Problems { get; } = [];

    public WatchDefinition? Find(string name) => Items.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));

    public static void Bind(IConfigurationSection section, WatchesOptions options)
    {
        var items = new List<WatchDefinition>();
        foreach (var child in section.GetChildren())
        {
            if (int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                items.Add(ReadWatch(child, options.Problems));
                continue;
            }
            switch (child.Key.ToLowerInvariant())
            {
                case "querytimeout":
                    options.QueryTimeout = Span(child, options.Problems, "00:00:30") ?? options.QueryTimeout;
                    break;
                case "fastrunratio":
                    if (double.TryParse(child.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio))
                    {
                        options.FastRunRatio = ratio;
                    }
                    else
                    {
                        options.Problems.Add($"{child.Path} must be a number between 0 and 1 such as 0.5 (it is '{child.Value}').");
                    }
                    break;
                case "runhistory":
                    if (int.TryParse(child.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var history))
                    {
                        options.RunHistory = history;
                    }
                    else
                    {
                        options.Problems.Add($"{child.Path} must be a whole number of runs such as 7 (it is '{child.Value}').");
                    }
                    break;
                default:
                    options.Problems.Add($"{child.Path} is not a setting of Watches: a watch is Watches:<n>:Name..., settings are QueryTimeout, FastRunRatio and RunHistory.");
                    break;
            }
        }
        options.Items = items;
    }

    private static WatchDefinition ReadWatch(IConfigurationSection watch, List<string> problems)
    {
        var severity = Severity.P2;
        if (watch["Severity"] is { Length: > 0 } text && !SeverityExtensions.TryParse(text, out severity))
        {
            problems.Add($"{watch.Path}:Severity must be P0, P1, P2 or P3 (it is '{text}').");
            severity = Severity.P2;
        }
        string? owner = null;
        if (watch["Owner"] is { Length: > 0 } who)
        {
            if (Mentions.TryParseOwner(who, out var id) || (Mrkdwn.IsSlackId(who.Trim()) && (id = who.Trim()).Length > 0))
            {
                owner = id;
            }
            else
            {
                problems.Add($"{watch.Path}:Owner must be a Slack user or user group id (U0123ABCD, S0123ABCD) or mention (<@U0123ABCD>); it is '{who}'.");
            }
        }
        var assets = watch.GetSection("Assets").GetChildren().Select(c => c.Value).OfType<string>().Where(a => a.Trim().Length > 0).Select(a => a.Trim()).ToList();
        if (assets.Count == 0 && watch["Assets"] is { Length: > 0 } one)
        {
            assets = one.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        }
        return new WatchDefinition
        {
            Name = watch["Name"]?.Trim() ?? "",
            Connection = watch["Connection"]?.Trim() ?? "",
            Query = watch["Query"]?.Trim() ?? "",
            MaxAge = Span(watch.GetSection("MaxAge"), problems, "26:00:00") ?? TimeSpan.Zero,
            Every = Span(watch.GetSection("Every"), problems, "00:05:00") ?? TimeSpan.Zero,
            Severity = severity,
            Assets = assets,
            Owner = owner,
            Warehouse = watch["Warehouse"] is { Length: > 0 } kind ? kind.Trim().ToLowerInvariant() : PostgresWarehouse.KindName,
        };
    }

    /// <summary>A time span such as <c>26:00:00</c> (hours past 24 are read as hours, as people write them).</summary>
    private static TimeSpan? Span(IConfigurationSection value, List<string> problems, string example)
    {
        var text = value.Value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (HoursMinutes().Match(text) is { Success: true } m)
        {
            return new TimeSpan(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 0);
        }
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span))
        {
            return span;
        }
        problems.Add($"{value.Path} must be a time span such as {example} (it is '{text}').");
        return null;
    }

    [GeneratedRegex(@"^(\d{1,4}):([0-5]\d)(?::([0-5]\d))?$")]
    private static partial Regex HoursMinutes();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
    internal static partial Regex NamePattern();
}

/// <summary>Checks the watches at start, so a typo stops the bot with the key to fix rather than a job failing every five minutes.</summary>
internal sealed class WatchesOptionsValidator(IConfiguration configuration, IEnumerable<IWarehouseClient> warehouses) : IValidateOptions<WatchesOptions>
{
    public ValidateOptionsResult Validate(string? name, WatchesOptions options)
    {
        var bad = new List<string>(options.Problems);
        if (options.QueryTimeout <= TimeSpan.Zero)
        {
            bad.Add($"Watches:QueryTimeout must be a positive time span such as 00:00:30 (it is {options.QueryTimeout}).");
        }
        if (options.FastRunRatio is <= 0 or >= 1)
        {
            bad.Add($"Watches:FastRunRatio must be between 0 and 1, such as 0.5 (it is {options.FastRunRatio.ToString(CultureInfo.InvariantCulture)}).");
        }
        if (options.RunHistory < Domain.Watches.RunRules.MinimumHistory)
        {
            bad.Add($"Watches:RunHistory must be at least {Domain.Watches.RunRules.MinimumHistory} runs, such as 7 (it is {options.RunHistory}).");
        }
        var kinds = warehouses.Select(w => w.Kind).ToList();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (watch, i) in options.Items.Select((w, i) => (w, i)))
        {
            var at = $"Watches:{i}";
            if (!WatchesOptions.NamePattern().IsMatch(watch.Name))
            {
                bad.Add($"{at}:Name is required: letters, digits, '_', '.' or '-', up to 100 characters, e.g. fct_revenue_daily (it is '{watch.Name}').");
            }
            else if (!names.Add(watch.Name))
            {
                bad.Add($"{at}:Name '{watch.Name}' is used by another watch; each watch needs its own name.");
            }
            if (watch.Connection.Length == 0)
            {
                bad.Add($"{at}:Connection is required: the name of a connection string, e.g. Warehouse for ConnectionStrings:Warehouse.");
            }
            else if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(watch.Connection)))
            {
                bad.Add($"{at}:Connection names '{watch.Connection}', but ConnectionStrings:{watch.Connection} is not set (env ConnectionStrings__{watch.Connection}).");
            }
            if (watch.Query.Length == 0)
            {
                bad.Add($"{at}:Query is empty: give a query returning one timestamp, the newest load, e.g. SELECT max(loaded_at) FROM analytics.fct_orders.");
            }
            if (watch.MaxAge <= TimeSpan.Zero)
            {
                bad.Add($"{at}:MaxAge must be a positive time span: how old the newest load may be, e.g. 26:00:00.");
            }
            if (watch.Every <= TimeSpan.Zero || watch.Cron is null)
            {
                bad.Add($"{at}:Every must be whole seconds dividing a minute, whole minutes dividing an hour or whole hours dividing a day, e.g. 00:05:00 (it is {watch.Every}).");
            }
            if (!kinds.Contains(watch.Warehouse, StringComparer.OrdinalIgnoreCase))
            {
                bad.Add($"{at}:Warehouse '{watch.Warehouse}' is not known; this build reads {string.Join(", ", kinds)}.");
            }
        }
        return bad.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(bad);
    }
}
