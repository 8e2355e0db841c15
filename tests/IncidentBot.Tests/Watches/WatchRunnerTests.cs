using IncidentBot.Alerts;
using IncidentBot.Configuration;
using IncidentBot.Domain.Policy;
using IncidentBot.Domain.Ports;
using IncidentBot.Domain.Watches;
using IncidentBot.Messages;
using IncidentBot.Queues;
using IncidentBot.Tests.Domain;
using IncidentBot.Watches;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace IncidentBot.Tests.Watches;

/// <summary>One watch run with an injected clock, a fake warehouse and a substitute store: what goes to the inbox and what is recorded.</summary>
public sealed class WatchRunnerTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 10, 18, 0, 0, TimeSpan.Zero);

    private readonly IWatchStore _store = Substitute.For<IWatchStore>();
    private readonly IInbox _inbox = Substitute.For<IInbox>();
    private readonly List<InboxItem> _admitted = [];

    public WatchRunnerTests()
    {
        _store.ClaimAsync(default!, default, default, default).ReturnsForAnyArgs(true);
        _store.ListAsync(default).ReturnsForAnyArgs([]);
        _store.RecordFailureAsync(default!, default, default!, default, default, default!, default)
            .ReturnsForAnyArgs(c => new WatchState { Name = c.ArgAt<string>(0), ConsecutiveFailures = 1 });
        _inbox.AdmitAsync(Arg.Do<InboxItem>(_admitted.Add), default).ReturnsForAnyArgs(true);
    }

    private WatchRunner Runner(Func<CancellationToken, Task<DateTimeOffset>> read, TimeSpan? timeout = null) => new(
        _store,
        _inbox,
        new InboxSignal(),
        [new FakeWarehouse(read)],
        new IncidentMessages(new MessageTemplates(Path.Combine(IncidentLifecycleTests.RepositoryRoot(), "templates")), UpdateCadence.Default),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Warehouse"] = "Host=warehouse;Password=hunter2" }).Build(),
        new FixedTime(Now),
        Options.Create(new WatchesOptions
        {
            QueryTimeout = timeout ?? TimeSpan.FromSeconds(30),
            Items = [new WatchDefinition { Name = "fct_revenue_daily", Connection = "Warehouse", Query = "SELECT 1", MaxAge = TimeSpan.FromHours(26), Every = TimeSpan.FromMinutes(5) }],
        }),
        Options.Create(new IncidentsOptions { Channel = "C0DATA" }),
        NullLogger<WatchRunner>.Instance);

    [Fact]
    public async Task AStaleResult_IsStoredInTheAlertLane_KeyedByWatchAndPeriod()
    {
        var result = await Runner(_ => Task.FromResult(Now.AddHours(-60))).RunAsync("fct_revenue_daily", default);

        Assert.Equal(WatchResult.Stale, result);
        var item = Assert.Single(_admitted);
        Assert.Equal($"watch:fct_revenue_daily:{WatchRunner.Period(Now, TimeSpan.FromMinutes(5))}", item.Key);
        Assert.Equal(AlertIntake.Lane, item.IncidentNumber);
        var signal = Assert.Single(StoredAlerts.Read(item.Body)!.Signals);
        Assert.Equal(AlertStatus.Firing, signal.Status);
        Assert.Equal(Now.AddHours(-60 + 26), signal.DataWrongSince);
        await _store.Received(1).RecordReadingAsync("fct_revenue_daily", Arg.Any<long>(), WatchResult.Stale, Now.AddHours(-60), Now, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task APeriodAnotherRunClaimed_DoesNotQueryAtAll()
    {
        _store.ClaimAsync(default!, default, default, default).ReturnsForAnyArgs(false);
        var queried = false;

        var result = await Runner(_ => { queried = true; return Task.FromResult(Now); }).RunAsync("fct_revenue_daily", default);

        Assert.Null(result);
        Assert.False(queried);
        Assert.Empty(_admitted);
    }

    [Fact]
    public async Task ASqlError_IsRecordedAsAFailure_NotAnIncident_WithTheChannelWarningReady()
    {
        var result = await Runner(_ => throw new WatchQueryException("SQL error 42P01: relation \"analytics.fct_revenue_daily\" does not exist")).RunAsync("fct_revenue_daily", default);

        Assert.Equal(WatchResult.Failed, result);
        Assert.Empty(_admitted);
        var call = Assert.Single(_store.ReceivedCalls(), c => c.GetMethodInfo().Name == nameof(IWatchStore.RecordFailureAsync));
        var args = call.GetArguments();
        Assert.Equal("SQL error 42P01: relation \"analytics.fct_revenue_daily\" does not exist", args[2]);
        Assert.Equal(WatchesOptions.WarnAfter, args[4]);
        var warning = (OutboxMessage)args[5]!;
        Assert.Equal(OutboxKind.PostInChannel, warning.Kind);
        Assert.Equal("C0DATA", warning.Channel);
        Assert.Contains("failed 3 times in a row", warning.Text);
        Assert.Contains("not an incident about the data", warning.Text);
    }

    [Fact]
    public async Task AQueryOutlastingTheTimeout_IsAFailure_SayingSo()
    {
        var result = await Runner(async ct => { await Task.Delay(Timeout.Infinite, ct); return Now; }, TimeSpan.FromMilliseconds(100)).RunAsync("fct_revenue_daily", default);

        Assert.Equal(WatchResult.Failed, result);
        await _store.Received(1).RecordFailureAsync("fct_revenue_daily", Arg.Any<long>(), "timed out after 0.1 s (Watches:QueryTimeout)", Arg.Any<DateTimeOffset>(), Arg.Any<int>(), Arg.Any<OutboxMessage>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AnUnexpectedDriverError_IsRecordedByItsTypeOnly_NeverItsMessage()
    {
        await Runner(_ => throw new InvalidOperationException("Host=warehouse;Password=hunter2")).RunAsync("fct_revenue_daily", default);

        await _store.Received(1).RecordFailureAsync("fct_revenue_daily", Arg.Any<long>(), "the query failed (InvalidOperationException)", Arg.Any<DateTimeOffset>(), Arg.Any<int>(), Arg.Any<OutboxMessage>(), Arg.Any<CancellationToken>());
        Assert.DoesNotContain(_store.ReceivedCalls().SelectMany(c => c.GetArguments()), a => a?.ToString()?.Contains("hunter2", StringComparison.Ordinal) == true
            || (a is OutboxMessage m && (m.Text ?? "").Contains("hunter2", StringComparison.Ordinal)));
    }

    private sealed class FakeWarehouse(Func<CancellationToken, Task<DateTimeOffset>> read) : IWarehouseClient
    {
        public string Kind => PostgresWarehouse.KindName;

        public Task<DateTimeOffset> ReadNewestLoadAsync(string connectionString, string query, TimeSpan timeout, CancellationToken cancellationToken) => read(cancellationToken);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
