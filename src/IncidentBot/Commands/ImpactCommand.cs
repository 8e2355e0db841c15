using IncidentBot.Domain;
using IncidentBot.Incidents;

namespace IncidentBot.Commands;

public abstract partial record ParsedCommand
{
    /// <summary><c>impact INC-n revenue customer-facing regulatory security</c>: flags that route to groups.</summary>
    public sealed record Impact(long Number, ImpactFlags Flags) : ParsedCommand;
}

/// <summary><c>/incident impact INC-n ...</c>: flags the business impact; the matching group is notified once.</summary>
public sealed class ImpactCommand(IncidentService incidents) : Subcommand<ParsedCommand.Impact>, ICommandSyntax
{
    public static IReadOnlyList<string> Verbs => ["impact"];

    public static ParsedCommand Parse(CommandInput input) => input.WithReference("impact INC-42 revenue customer-facing", (number, tail) =>
    {
        var flags = ImpactFlags.None;
        foreach (var word in tail.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var flag = word.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal) switch
            {
                "revenue" or "billing" => ImpactFlags.Revenue,
                "customer" or "customerfacing" or "customers" => ImpactFlags.CustomerFacing,
                "regulatory" or "compliance" => ImpactFlags.Regulatory,
                "security" => ImpactFlags.Security,
                _ => ImpactFlags.None,
            };
            if (flag == ImpactFlags.None)
            {
                return new ParsedCommand.Invalid($"`{CommandInput.Shorten(word)}` is not a business impact. Use revenue, customer-facing, regulatory or security, e.g. `/incident impact INC-{number} revenue`.");
            }
            flags |= flag;
        }
        return flags == ImpactFlags.None
            ? new ParsedCommand.Invalid($"Say which business impact: revenue, customer-facing, regulatory or security, e.g. `/incident impact INC-{number} revenue`.")
            : new ParsedCommand.Impact(number, flags);
    });

    protected override CommandPlan Plan(ParsedCommand.Impact impact, CommandCaller caller) =>
        new CommandPlan.Change(impact.Number, ct => incidents.ChangeAsync(impact.Number, caller.RequestKey, incidents.AddImpact(impact.Flags, caller.User), ct, caller.ReplyTo));
}
