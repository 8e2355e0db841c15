using System.Data.Common;
using Dapper;
using IncidentBot.Domain.Ports;
using IncidentBot.Storage.Migrations;

namespace IncidentBot.Storage;

/// <summary>
/// One open database: the stores over it, its migrations, and its connections for anything else
/// that needs the same database (the scheduler). Dispose it when the host stops.
/// </summary>
public sealed partial class IncidentStorage : IAsyncDisposable
{
    private readonly Database _database;

    internal IncidentStorage(StorageProvider provider, Database database, string connectionStringForDisplay, UnreadableRows unreadable)
    {
        Provider = provider;
        _database = database;
        ConnectionStringForDisplay = connectionStringForDisplay;
        Unreadable = unreadable;
        Incidents = new Incidents.SqlIncidentStore(database, unreadable);
        Alerts = new Incidents.SqlAlertStore(database, unreadable);
        Catalog = new Incidents.SqlCatalogStore(database);
        Watches = new Watches.SqlWatchStore(database);
        Outbox = new Outbox.SqlOutboxStore(database);
        Pacing = new Outbox.SqlChannelPacing(database);
        Links = new Outbox.SqlMessageLinks(database);
        Schedule = new Schedule.SqlScheduleQueue(database);
        _inbox = new Inbox.SqlInbox(database);
    }

    public StorageProvider Provider { get; }

    public IIncidentStore Incidents { get; }

    /// <summary>Alerts' checks and silences, in the incidents' transactions.</summary>
    public IAlertStore Alerts { get; }

    /// <summary>The data catalog (the dbt manifest's graph) every replica reads.</summary>
    public ICatalogStore Catalog { get; }

    /// <summary>Watches' state and the dbt runs kept for the phantom-success rules.</summary>
    public IWatchStore Watches { get; }

    /// <summary>Incidents whose rows could not be read and are left out until they can.</summary>
    public UnreadableRows Unreadable { get; }

    public IOutboxStore Outbox { get; }

    /// <summary>Per-channel token buckets for posts, shared by every replica on this database.</summary>
    public IChannelPacing Pacing { get; }

    /// <summary>Permalinks of the bot's messages, as chat.getPermalink gave them.</summary>
    public IMessageLinks Links { get; }

    /// <summary>Slack requests accepted on the request path, worked off by the inbox worker.</summary>
    public IInbox Inbox => _inbox;

    private readonly Inbox.SqlInbox _inbox;

    /// <summary>Requests to bring an incident's reminder and escalation jobs in line with its state.</summary>
    public IScheduleQueue Schedule { get; }

    /// <summary>The connection string without its password, for logs and the health page.</summary>
    public string ConnectionStringForDisplay { get; }

    /// <summary>
    /// Hands out connections to this database: an <c>NpgsqlDataSource</c> on PostgreSQL; on SQLite one
    /// that sets busy_timeout and WAL on the connections it opens (use <c>OpenConnectionAsync</c>).
    /// </summary>
    public DbDataSource DataSource => _database.DataSource;

    /// <summary>Applies the pending migrations (safe to call from several processes at once); returns the ids this call applied, e.g. "0001_incidents".</summary>
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default) =>
        new Migrator(_database).ApplyPendingAsync(ct);

    /// <summary>
    /// On SQLite, which one bot process uses at a time, frees what an earlier run claimed and never gave
    /// back because it was killed: its queued messages, stored requests and schedule passes are taken
    /// again at once instead of when their leases run out (up to a minute later). On PostgreSQL the
    /// leases may belong to a live replica, so they are left to run out. Returns the rows freed.
    /// </summary>
    public Task<int> ReleaseLeasesOfEarlierRunsAsync(CancellationToken ct = default) =>
        Provider != StorageProvider.Sqlite
            ? Task.FromResult(0)
            : _database.InTransactionAsync(async (connection, transaction) =>
            {
                var freed = 0;
                foreach (var table in (string[])["outbox", "inbox", "schedule_requests"])
                {
                    freed += await connection.ExecuteAsync(new CommandDefinition(
                        $"UPDATE {table} SET leased_by = NULL, lease_until = NULL WHERE leased_by IS NOT NULL",
                        transaction: transaction,
                        cancellationToken: ct));
                }
                return freed;
            }, ct);

    public async ValueTask DisposeAsync()
    {
        await _inbox.DisposeAsync();
        await _database.DataSource.DisposeAsync();
    }
}
