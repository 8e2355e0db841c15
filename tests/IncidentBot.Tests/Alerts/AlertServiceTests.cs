using IncidentBot.Alerts;
using IncidentBot.Configuration;
using IncidentBot.Domain;
using IncidentBot.Domain.Policy;
using IncidentBot.Incidents;
using IncidentBot.Messages;
using IncidentBot.Queues;
using IncidentBot.Storage;
using IncidentBot.Tests.Domain;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IncidentBot.Tests.Alerts;

/// <summary>
/// <see cref="AlertService"/> on an embedded SQLite database with a clock the test moves: grouping by
/// fingerprint and asset, the repeat-note period, the reopen window and its edge, silences expiring.
/// </summary>
public sealed class AlertServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = T0;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"alerts-{Guid.NewGuid():N}.db");
    private readonly Clock _clock = new();
    private IncidentStorage _storage = null!;
    private AlertService _alerts = null!;
    private int _delivery;

    public async Task InitializeAsync()
    {
        _storage = IncidentStorage.Create(StorageProvider.Sqlite, $"Data Source={_file}");
        await _storage.MigrateAsync();
        var templates = new MessageTemplates(Path.Combine(IncidentLifecycleTests.RepositoryRoot(), "templates"));
        var messages = new IncidentMessages(templates, UpdateCadence.Default);
        var incidents = new IncidentService(_storage.Incidents, messages, new OutboxSignal(), new ScheduleSignal(), _clock,
            Options.Create(new IncidentsOptions()), Options.Create(new PolicyOptions()), NullLogger<IncidentService>.Instance);
        _alerts = new AlertService(_storage.Alerts, incidents, messages, _clock, Options.Create(new AlertsOptions()), Options.Create(new IncidentsOptions()), NullLogger<AlertService>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _storage.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private Task<AlertOutcome> Fire(string fingerprint, params string[] assets) => Apply(fingerprint, AlertStatus.Firing, assets);

    private Task<AlertOutcome> Apply(string fingerprint, AlertStatus status, params string[] assets) => _alerts.ApplyAsync(new AlertSignal
    {
        Source = "generic",
        Fingerprint = fingerprint,
        Status = status,
        Title = $"{fingerprint} is failing",
        Assets = assets,
        DetectedBy = "airflow",
    }, $"test:{++_delivery}", _clock.Now);

    /// <summary>The texts of the thread messages queued so far (the outbox's rows; nothing is sent here).</summary>
    private async Task<IReadOnlyList<string>> ThreadTextsAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT text FROM outbox WHERE text IS NOT NULL ORDER BY id";
        var texts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            texts.Add(reader.GetString(0));
        }
        return texts;
    }

    [Fact]
    public async Task OneCheck_FiringEveryMinuteForAnHour_IsOneIncident_WithTwoStillFailingNotes()
    {
        Assert.Equal(AlertOutcome.Declared, await Fire("generic:orders", "fct_orders"));
        for (var minute = 1; minute <= 60; minute++)
        {
            _clock.Now = T0.AddMinutes(minute);
            Assert.Equal(AlertOutcome.Repeated, await Fire("generic:orders", "fct_orders"));
        }

        Assert.Single(await _storage.Incidents.ListActiveAsync(10));
        var notes = (await ThreadTextsAsync()).Where(t => t.Contains("Still failing", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, notes.Count);
        Assert.Contains("31 times since", notes[0]);
        Assert.Contains("61 times since", notes[1]);
    }

    [Fact]
    public async Task ANewCheck_JoinsByAsset_ButNotWhenGroupingByFingerprint()
    {
        await Fire("generic:orders-fresh", "analytics.marts.fct_orders");
        Assert.Equal(AlertOutcome.Joined, await Fire("generic:orders-rows", "fct_orders"));
        Assert.Equal(AlertOutcome.Declared, await Fire("generic:payments", "fct_payments"));

        var incident = Assert.Single(await _storage.Incidents.ListActiveAsync(10), i => i.Number == 1);
        Assert.Equal(2, incident.ChecksFailing);
        Assert.Equal(2, (await _storage.Incidents.ListActiveAsync(10)).Count);
    }

    [Fact]
    public async Task AFiringCheck_ReopensWithinTheWindow_AndDeclaresANewIncidentAfterIt()
    {
        await Fire("generic:orders", "fct_orders");
        await Apply("generic:orders", AlertStatus.Resolved);
        var incident = (await _storage.Incidents.FindAsync(1))!;
        Assert.Equal(0, incident.ChecksFailing);
        await ResolveAsync(1);

        _clock.Now = T0.AddMinutes(59);
        Assert.Equal(AlertOutcome.Reopened, await Fire("generic:orders", "fct_orders"));
        Assert.Equal(IncidentState.Investigating, (await _storage.Incidents.FindAsync(1))!.State);
        await ResolveAsync(1);

        _clock.Now = T0.AddMinutes(59 + 61);
        Assert.Equal(AlertOutcome.Declared, await Fire("generic:orders", "fct_orders"));
        Assert.Equal(IncidentState.Resolved, (await _storage.Incidents.FindAsync(1))!.State);
        Assert.NotNull(await _storage.Incidents.FindAsync(2));
    }

    [Fact]
    public async Task ASilence_KeepsAlertsQuietUntilItExpires()
    {
        await _storage.Alerts.ExecuteAsync(uow => uow.AddSilenceAsync(new IncidentBot.Domain.Alerts.AlertSilence { Matcher = "fct_orders", Until = T0.AddHours(2), CreatedBy = "U1", CreatedAt = T0 }));

        Assert.Equal(AlertOutcome.Silenced, await Fire("generic:orders", "analytics.marts.fct_orders"));
        _clock.Now = T0.AddHours(1);
        Assert.Equal(AlertOutcome.Silenced, await Fire("generic:orders", "analytics.marts.fct_orders"));
        Assert.Empty(await _storage.Incidents.ListActiveAsync(10));
        Assert.Equal(2, Assert.Single(await _storage.Alerts.ListSilencesAsync(_clock.Now, TimeSpan.FromDays(1))).Silenced);

        _clock.Now = T0.AddHours(2);
        Assert.Equal(AlertOutcome.Declared, await Fire("generic:orders", "analytics.marts.fct_orders"));
    }

    [Fact]
    public async Task TheSameSignalAppliedTwice_ChangesNothingTheSecondTime()
    {
        var signal = new AlertSignal { Source = "generic", Fingerprint = "generic:orders", Status = AlertStatus.Firing, Title = "orders", DetectedBy = "airflow" };
        Assert.Equal(AlertOutcome.Declared, await _alerts.ApplyAsync(signal, "delivery-1#0", T0));
        Assert.Equal(AlertOutcome.Replayed, await _alerts.ApplyAsync(signal, "delivery-1#0", T0));
        Assert.Single(await _storage.Incidents.ListActiveAsync(10));
    }

    private Task ResolveAsync(long number) => _storage.Incidents.ExecuteAsync(async uow =>
    {
        var incident = (await uow.LoadForUpdateAsync(number))!;
        incident.Fire(IncidentTrigger.Resolve, "U1", _clock.Now);
        await uow.SaveAsync(incident);
        return true;
    });
}
