using Dapper;
using IncidentBot.Domain;
using IncidentBot.Domain.Ports;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>
/// Behaviour tests run against both databases: each test class derives from this with one concrete
/// subclass per provider, and every test gets a fresh, migrated database.
/// </summary>
public abstract class StorageTestBase(StorageProvider provider) : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    private TestStorage? _database;
    private IncidentStorage? _storage;

    protected StorageProvider Provider => provider;

    protected TestStorage Database => _database ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected IncidentStorage Storage => _storage ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected IIncidentStore Incidents => Storage.Incidents;

    protected IOutboxStore Outbox => Storage.Outbox;

    protected IScheduleQueue Schedule => Storage.Schedule;

    /// <summary>False for tests of the migrations themselves.</summary>
    protected virtual bool MigrateFirst => true;

    public async Task InitializeAsync()
    {
        _database = await TestStorage.CreateAsync(provider);
        _storage = _database.Open();
        if (MigrateFirst)
        {
            await _storage.MigrateAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected async Task<Incident> DeclareAsync(string title = "Orders mart stale since 06:00", Severity severity = Severity.P2, string declaredBy = "U100", DateTimeOffset? at = null, DateTimeOffset? detectedAt = null)
    {
        var incident = Incident.Declare(title, severity, Category.StaleData, declaredBy, "#data-incidents", at ?? T0, detectedAt: detectedAt);
        await Incidents.ExecuteAsync(async uow =>
        {
            await uow.InsertAsync(incident);
            return incident.Number;
        });
        return incident;
    }

    /// <summary>Loads the incident for update, applies <paramref name="change"/> through the domain and saves it, in one transaction.</summary>
    protected Task<Incident> ChangeAsync(long number, Action<Incident> change) =>
        Incidents.ExecuteAsync(async uow =>
        {
            var incident = await uow.LoadForUpdateAsync(number) ?? throw new InvalidOperationException($"INC-{number} does not exist.");
            change(incident);
            await uow.SaveAsync(incident);
            return incident;
        });

    protected Task<bool> EnqueueAsync(OutboxMessage message, DateTimeOffset? now = null) =>
        Incidents.ExecuteAsync(uow => uow.EnqueueAsync(message, now ?? T0));

    /// <summary>A scalar straight from the database, for what the ports do not expose.</summary>
    protected async Task<T?> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Storage.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<T>(sql, parameters);
    }
}
