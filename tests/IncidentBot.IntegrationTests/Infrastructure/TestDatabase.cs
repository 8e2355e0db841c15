using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// An empty database for one test's bot: a new PostgreSQL database on the test server, or a SQLite
/// file in a new temp directory. Each test gets its own, so its first incident is INC-1 and nothing
/// queued by another test can reach its fake Slack.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly Func<ValueTask> _drop;

    private TestDatabase(StorageProvider provider, string connectionString, Func<ValueTask> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _drop = drop;
    }

    public StorageProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The value of <c>Storage:Provider</c>.</summary>
    public string ProviderSetting => Provider == StorageProvider.Postgres ? "Postgres" : "Sqlite";

    public static async Task<TestDatabase> CreateAsync(StorageProvider provider)
    {
        if (provider == StorageProvider.Postgres)
        {
            var (connectionString, drop) = await PostgresServer.CreateDatabaseAsync();
            return new TestDatabase(provider, connectionString, drop.DisposeAsync);
        }
        var directory = Path.Combine(Path.GetTempPath(), "incidentbot-host-tests", Guid.NewGuid().ToString("N"));
        return new TestDatabase(provider, $"Data Source={Path.Combine(directory, "incidentbot.db")}", () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
            return ValueTask.CompletedTask;
        });
    }

    public ValueTask DisposeAsync() => _drop();
}
