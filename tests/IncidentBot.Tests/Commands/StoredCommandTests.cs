using IncidentBot.Commands;
using IncidentBot.Configuration;
using IncidentBot.Domain.Ports;
using IncidentBot.Inbox;
using IncidentBot.Queues;
using IncidentBot.Slack;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace IncidentBot.Tests.Commands;

/// <summary>A change is parsed once, on the request path: the inbox keeps the parsed command, and rows from before keep working.</summary>
public class StoredCommandTests
{
    /// <summary>Monday 7 December in UTC, already Tuesday 8 December in Berlin.</summary>
    private static readonly DateTimeOffset LateMonday = new(2026, 12, 7, 23, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("open P0 data-loss fct_orders truncated")]
    [InlineData("open orders &lt; 0 since 06:00")]
    [InlineData("update INC-12 backfill running, ETA 11:00 & counting")]
    [InlineData("ack INC-3")]
    [InlineData("severity INC-3 P0")]
    [InlineData("resolve INC-2 marts rebuilt")]
    [InlineData("cancel INC-2 duplicate of INC-1")]
    [InlineData("cancel INC-2 monitor misfired")]
    [InlineData("postmortem INC-4 done <https://wiki/pm/4>")]
    [InlineData("action INC-4 add <!subteam^S0123|@data-platform> friday add a freshness check")]
    [InlineData("action INC-4 done 3")]
    [InlineData("impact INC-3 revenue customer-facing")]
    [InlineData("verify INC-2 row counts match")]
    public void AStoredCommand_ReadsBackAsTheSameCommand_WithoutParsingItsText(string text)
    {
        var parsed = CommandParser.Parse(text, new DateOnly(2026, 12, 7));
        var request = Request(text);

        var body = StoredCommand.Write(request, parsed);
        var read = StoredCommand.Read(body, _ => throw new InvalidOperationException("The stored text was parsed again."));

        Assert.Equal(new StoredCommand(parsed, request.UserId!, request.ChannelId, request.ResponseUrl), read);
        // A replica still on the version before reads the request as Slack sent it, and parses it itself.
        Assert.Equal(request, SlashCommand.Parse(body));
    }

    [Fact]
    public async Task AChangeStoredOnTheRequestPath_IsAppliedWithoutParsingItsTextAgain()
    {
        var inbox = Substitute.For<IInbox>();
        InboxItem? admitted = null;
        inbox.AdmitAsync(Arg.Do<InboxItem>(item => admitted = item), Arg.Any<CancellationToken>()).Returns(true);
        var request = Request("action INC-4 add <@U0MAYA|maya> tomorrow add a freshness check");

        var answer = await Handler(inbox, "UTC", new ActionCommand(null!)).HandleAsync(request, "cmd:v0=1", CancellationToken.None);

        Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.Ok>(answer);
        Assert.NotNull(admitted);
        Assert.Equal(4, admitted.IncidentNumber);
        // Read in Berlin, where "tomorrow" would be 9 December: the day the person meant (8 December, UTC) stays.
        var read = Handler(inbox, "Europe/Berlin").Read(admitted);
        Assert.Equal(new ParsedCommand.ActionAdd(4, "U0MAYA", new DateOnly(2026, 12, 8), "add a freshness check"), read?.Command);
    }

    [Fact]
    public void AnInboxRowStoredBeforeTheUpgrade_AsSlacksFormBody_IsParsedWhenApplied()
    {
        var body = "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&channel_id=C0CMD&user_id=U0ALICE&command=%2Fincident"
            + "&text=update+INC-3+backfill+%26lt%3B+done&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0001%2F1%2Fabc&trigger_id=1.2.3";

        var read = Handler(Substitute.For<IInbox>(), "UTC").Read(new InboxItem("cmd:v0=old", InboxKind.Command, body, 3, LateMonday));

        Assert.Equal(new StoredCommand(new ParsedCommand.Update(3, "backfill < done"), "U0ALICE", "C0CMD", "https://hooks.slack.com/commands/T0001/1/abc"), read);
    }

    [Theory]
    [InlineData("command=%2Fincident&user_id=U1&parsed=%7B%22command%22%3A%22Frobnicate%22%2C%22args%22%3A%7B%7D%7D")]
    [InlineData("command=%2Fincident&user_id=U1&parsed=%7B%22command%22%3A%22Acknowledge%22%2C%22args%22%3A%7B%22number%22%3A%22one%22%7D%7D")]
    [InlineData("command=%2Fincident&user_id=U1&parsed=%7Bnot+json")]
    [InlineData("command=%2Fincident&text=ack+INC-1&parsed=%7B%22command%22%3A%22Acknowledge%22%2C%22args%22%3A%7B%22number%22%3A1%7D%7D")]
    [InlineData("{\"command\":\"Acknowledge\"}")]
    public void AnUnreadableInboxBody_IsNotGuessedAt(string body) =>
        Assert.Null(StoredCommand.Read(body, _ => throw new InvalidOperationException("Nothing here should be parsed as a command's text.")));

    private static SlashCommand Request(string text) => new()
    {
        Command = "/incident", UserId = "U0ALICE", ChannelId = "C0CMD", ResponseUrl = "https://hooks.slack.com/commands/T0001/1/abc", Text = text,
    };

    private static CommandHandler Handler(IInbox inbox, string timeZone, params ISubcommand[] subcommands)
    {
        var time = new FixedTime(LateMonday);
        var signal = new InboxSignal();
        return new CommandHandler(
            subcommands, null!, inbox, signal, new InboxCatchUp(inbox, signal, time), time,
            Options.Create(new IncidentsOptions { TimeZone = timeZone }), Options.Create(new SlackOptions()), NullLogger<CommandHandler>.Instance);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
