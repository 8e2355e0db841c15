using IncidentBot.Queues;
using System.Text.Json.Nodes;
using IncidentBot.Domain;
using IncidentBot.Domain.Ports;
using IncidentBot.Events;
using IncidentBot.Outbox;
using IncidentBot.Slack;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace IncidentBot.Tests.Events;

/// <summary>What the event handler keeps and pins, against a store that records what it was asked to do.</summary>
public sealed class PinEventTests
{
    private const string AppId = "A0OURS";
    private const string Channel = "C0INC";
    private const string HeadlineTs = "1700000000.000100";
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private readonly IIncidentUnitOfWork _uow = Substitute.For<IIncidentUnitOfWork>();
    private readonly SlackEventHandler _handler;
    private readonly Incident _incident = Incident.Declare("orders mart stale", Severity.P1, Category.StaleData, "U1", Channel, T0);

    public PinEventTests()
    {
        _incident.AssignNumber(7);
        _uow.TryRecordInboundAsync(default!, default).ReturnsForAnyArgs(true);
        _uow.EnqueueAsync(default!, default).ReturnsForAnyArgs(true);
        _uow.FindByHeadlineAsync(Channel, HeadlineTs).Returns(_incident);
        _uow.LoadForUpdateAsync(7).Returns(_incident);
        var store = Substitute.For<IIncidentStore>();
        store.ExecuteAsync(Arg.Any<Func<IIncidentUnitOfWork, Task<string>>>(), Arg.Any<CancellationToken>())
            .Returns(call => call.Arg<Func<IIncidentUnitOfWork, Task<string>>>()(_uow));
        _handler = new SlackEventHandler(store, new OutboxSignal(), TimeProvider.System, NullLogger<SlackEventHandler>.Instance);
    }

    [Fact]
    public async Task OurOwnThreadPost_IsKept_AsTheBots()
    {
        await _handler.HandleAsync(Envelope("Ev1", new JsonObject
        {
            ["type"] = "message", ["channel"] = Channel, ["user"] = "U0BOTUSER", ["bot_id"] = "B0OURS", ["app_id"] = AppId,
            ["text"] = "INC-7 update: backfill running", ["ts"] = "1700000100.000200", ["thread_ts"] = HeadlineTs,
        }), CancellationToken.None);

        await _uow.Received(1).RecordThreadMessageAsync(Arg.Is<ThreadMessage>(m => m.User == Incident.SystemActor && m.IncidentNumber == 7 && m.Ts == "1700000100.000200"));
    }

    [Fact]
    public async Task AnotherAppsThreadPost_IsKept_AsItsUser()
    {
        await _handler.HandleAsync(Envelope("Ev2", new JsonObject
        {
            ["type"] = "message", ["channel"] = Channel, ["user"] = "U0DBTBOT", ["bot_id"] = "B0DBT", ["app_id"] = "A0DBT",
            ["text"] = "dbt job 42 succeeded", ["ts"] = "1700000100.000300", ["thread_ts"] = HeadlineTs,
        }), CancellationToken.None);

        await _uow.Received(1).RecordThreadMessageAsync(Arg.Is<ThreadMessage>(m => m.User == "U0DBTBOT"));
    }

    [Fact]
    public async Task AnEditOrAJoin_IsNotKept()
    {
        await _handler.HandleAsync(Envelope("Ev3", new JsonObject
        {
            ["type"] = "message", ["subtype"] = "channel_join", ["channel"] = Channel, ["user"] = "U9",
            ["text"] = "<@U9> has joined", ["ts"] = "1700000100.000400", ["thread_ts"] = HeadlineTs,
        }), CancellationToken.None);

        await _uow.DidNotReceiveWithAnyArgs().RecordThreadMessageAsync(default!);
    }

    [Fact]
    public async Task PinOnTheHeadline_QueuesTheReasonOncePerMessage_AndPinsNothing()
    {
        await _handler.HandleAsync(Envelope("Ev4", Pin(HeadlineTs)), CancellationToken.None);

        await _uow.Received(1).EnqueueAsync(Arg.Is<OutboxMessage>(m =>
            m.IncidentNumber == 7 && m.Kind == OutboxKind.PostInThread && m.DedupKey == $"INC-7/pin-refused/{Channel}/{HeadlineTs}"
            && m.Text!.StartsWith(":pushpin: Not pinned to INC-7's timeline: that is the headline", StringComparison.Ordinal)), Arg.Any<DateTimeOffset>());
        await _uow.DidNotReceiveWithAnyArgs().SaveAsync(default!);
    }

    [Fact]
    public async Task PinOnAKeptMessage_PutsItOnTheTimelineAtTheTimeItWasWritten()
    {
        _uow.FindThreadMessageAsync(Channel, "1700000100.000500").Returns(new ThreadMessage(Channel, "1700000100.000500", 7, Incident.SystemActor, "backfill running", T0.AddMinutes(5)));

        await _handler.HandleAsync(Envelope("Ev5", Pin("1700000100.000500")), CancellationToken.None);

        var entry = Assert.Single(_incident.PendingTimeline, e => e.Text.StartsWith("Pinned by", StringComparison.Ordinal));
        Assert.Equal((T0.AddMinutes(5), Incident.SystemActor, "Pinned by U0BOB: backfill running"), (entry.At, entry.Actor, entry.Text));
        await _uow.DidNotReceiveWithAnyArgs().EnqueueAsync(default!, default);
    }

    private static JsonObject Pin(string ts) => new()
    {
        ["type"] = "reaction_added", ["user"] = "U0BOB", ["reaction"] = "pushpin",
        ["item"] = new JsonObject { ["type"] = "message", ["channel"] = Channel, ["ts"] = ts },
    };

    private static EventEnvelope Envelope(string eventId, JsonObject slackEvent) => EventEnvelope.Parse(new JsonObject
    {
        ["type"] = "event_callback", ["api_app_id"] = AppId, ["team_id"] = "T1", ["event_id"] = eventId, ["event"] = slackEvent,
    }.ToJsonString())!;
}
