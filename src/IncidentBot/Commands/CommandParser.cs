using System.Reflection;

namespace IncidentBot.Commands;

/// <summary>
/// Parses the text after <c>/incident</c>: the verb picks the subcommand, which reads the rest. Pure;
/// every error message says how to do it right. The subcommands are found once, by reflection.
/// </summary>
public static class CommandParser
{
    public const int MaxTextLength = 4000;

    /// <summary>One subcommand: its handler type, the parsed commands it plans, its verbs and its parser.</summary>
    public sealed record SubcommandInfo(Type Handler, Type Parses, IReadOnlyList<string> Verbs, Func<CommandInput, ParsedCommand> Parse);

    /// <summary>Every class in this assembly that derives from <see cref="Subcommand{T}"/> and declares its <see cref="ICommandSyntax"/>.</summary>
    public static IReadOnlyList<SubcommandInfo> Subcommands { get; } = Discover();

    private static readonly Dictionary<string, SubcommandInfo> ByVerb = Index();

    public static ParsedCommand Parse(string? text) => Parse(text, DateOnly.FromDateTime(DateTime.UtcNow));

    /// <summary>Parses with <paramref name="today"/> (a day in <paramref name="timeZone"/>) as the reference for relative dates ("friday", "+3d").</summary>
    public static ParsedCommand Parse(string? text, DateOnly today, string timeZone = "UTC")
    {
        text = (text ?? "").Trim();
        if (text.Length == 0)
        {
            return new ParsedCommand.Help();
        }
        if (text.Length > MaxTextLength)
        {
            return new ParsedCommand.Invalid($"That command is {text.Length} characters long; the limit is {MaxTextLength}. Keep the title short and put details in an update.");
        }
        var (verb, rest) = CommandInput.Split(text);
        return Find(verb) is { } subcommand
            ? subcommand.Parse(new CommandInput(verb, rest, today, timeZone))
            : new ParsedCommand.Invalid($"I don't know `/incident {CommandInput.Shorten(verb)}`. Try `/incident help` for the list of commands.");
    }

    /// <summary>A whole due date in any of the <see cref="DueDates.Forms"/>.</summary>
    public static bool TryParseDue(string text, DateOnly today, out DateOnly due) =>
        DueDates.TryRead(text, today, out due, out var rest) && rest.Length == 0;

    /// <summary>The subcommand that answers to <paramref name="verb"/> (any letter case), or null.</summary>
    public static SubcommandInfo? Find(string verb) => ByVerb.GetValueOrDefault(verb);

    /// <summary>Registers every subcommand as a singleton <see cref="ISubcommand"/> for <see cref="CommandHandler"/>.</summary>
    public static IServiceCollection AddSubcommands(this IServiceCollection services)
    {
        services.AddSingleton<IncidentForms>();
        foreach (var subcommand in Subcommands)
        {
            services.AddSingleton(typeof(ISubcommand), subcommand.Handler);
        }
        return services;
    }

    private static List<SubcommandInfo> Discover()
    {
        var describe = typeof(CommandParser).GetMethod(nameof(Describe), BindingFlags.NonPublic | BindingFlags.Static)!;
        return typeof(CommandParser).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(ISubcommand).IsAssignableFrom(type))
            .OrderBy(type => type.Name, StringComparer.Ordinal)
            .Select(type => typeof(ICommandSyntax).IsAssignableFrom(type)
                ? (SubcommandInfo)describe.MakeGenericMethod(type).Invoke(null, null)!
                : throw new InvalidOperationException($"{type.Name} is a subcommand without a syntax: implement {nameof(ICommandSyntax)} (its verbs and Parse)."))
            .ToList();
    }

    private static SubcommandInfo Describe<T>()
        where T : ISubcommand, ICommandSyntax
    {
        var parses = typeof(T).BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(Subcommand<>)
            ? b.GetGenericArguments()[0]
            : throw new InvalidOperationException($"{typeof(T).Name} must derive from Subcommand<T> directly.");
        return new SubcommandInfo(typeof(T), parses, T.Verbs, T.Parse);
    }

    private static Dictionary<string, SubcommandInfo> Index()
    {
        var byVerb = new Dictionary<string, SubcommandInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var subcommand in Subcommands)
        {
            foreach (var verb in subcommand.Verbs)
            {
                if (!byVerb.TryAdd(verb, subcommand))
                {
                    throw new InvalidOperationException($"`/incident {verb}` is claimed by both {byVerb[verb].Handler.Name} and {subcommand.Handler.Name}.");
                }
            }
        }
        return byVerb;
    }
}
