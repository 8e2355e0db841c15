using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>A fresh, empty database for one test: a new PostgreSQL database, or a SQLite file in a new temp directory.</summary>
public sealed class TestStorage : IAsyncDisposable
{
    private readonly List<IncidentStorage> _handles = [];
    private readonly Func<ValueTask> _cleanUp;

    private TestStorage(StorageProvider provider, string connectionString, Func<ValueTask> cleanUp)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _cleanUp = cleanUp;
    }

    public StorageProvider Provider { get; }

    public string ConnectionString { get; }

    public static async Task<TestStorage> CreateAsync(StorageProvider provider)
    {
        if (provider == StorageProvider.Postgres)
        {
            var (connectionString, drop) = await PostgresServer.CreateDatabaseAsync();
            return new TestStorage(provider, connectionString, drop.DisposeAsync);
        }
        // A directory that does not exist yet: creating it is part of what the SQLite provider does.
        var directory = Path.Combine(Path.GetTempPath(), "incidentbot-tests", Guid.NewGuid().ToString("N"));
        return new TestStorage(provider, $"Data Source={Path.Combine(directory, "data", "incidentbot.db")}", () =>
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>A handle on the database, as one process would open it; several handles act like several processes.</summary>
    public IncidentStorage Open()
    {
        var handle = IncidentStorage.Create(Provider, ConnectionString);
        _handles.Add(handle);
        return handle;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var handle in _handles)
        {
            await handle.DisposeAsync();
        }
        await _cleanUp();
    }
}
