using System.Text.RegularExpressions;
using IncidentBot.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Tests.Commands;

/// <summary>The seam a new subcommand plugs into: its handler is found by the parser and by DI, and the help names it.</summary>
public class SubcommandTests
{
    /// <summary>The verbs the help text names: <c>/incident open</c>, <c>/incident fix|verify|...</c>.</summary>
    private static readonly HashSet<string> HelpVerbs = Regex.Matches(HelpText.Text, @"/incident ([a-z]+(?:\|[a-z]+)*)")
        .SelectMany(m => m.Groups[1].Value.Split('|'))
        .ToHashSet(StringComparer.Ordinal);

    public static TheoryData<string> Verbs() => [.. CommandParser.Subcommands.SelectMany(s => s.Verbs)];

    [Theory]
    [MemberData(nameof(Verbs))]
    public void EveryVerb_IsFoundByTheParser_AndParsesToItsSubcommandsCommands(string verb)
    {
        var subcommand = Assert.Single(CommandParser.Subcommands, s => s.Verbs.Contains(verb));

        Assert.Same(subcommand, CommandParser.Find(verb.ToUpperInvariant()));
        var parsed = CommandParser.Parse($"{verb} INC-1 something", new DateOnly(2026, 12, 7));
        Assert.True(parsed is ParsedCommand.Invalid || subcommand.Parses.IsInstanceOfType(parsed), $"`{verb} INC-1 something` parsed to {parsed}, not to a {subcommand.Parses.Name}");
    }

    [Fact]
    public void EverySubcommand_HasAHelpLine_AndEveryHelpLineASubcommand()
    {
        Assert.Equal(19, CommandParser.Subcommands.Count);
        Assert.All(CommandParser.Subcommands, s => Assert.Contains(s.Verbs[0], HelpVerbs));
        Assert.All(HelpVerbs, verb => Assert.NotNull(CommandParser.Find(verb)));
    }

    [Fact]
    public void EveryParsedCommand_IsPlannedByExactlyOneSubcommand()
    {
        var records = typeof(ParsedCommand).GetNestedTypes().Where(t => t.IsSealed && t != typeof(ParsedCommand.Invalid)).ToList();

        Assert.NotEmpty(records);
        Assert.All(records, record => Assert.Single(CommandParser.Subcommands, s => s.Parses.IsAssignableFrom(record)));
    }

    [Fact]
    public void AddSubcommands_RegistersEverySubcommandForTheHandler()
    {
        var registered = new ServiceCollection().AddSubcommands()
            .Where(d => d.ServiceType == typeof(ISubcommand))
            .Select(d => d.ImplementationType)
            .ToList();

        Assert.Equal(CommandParser.Subcommands.Select(s => s.Handler), registered);
    }
}
