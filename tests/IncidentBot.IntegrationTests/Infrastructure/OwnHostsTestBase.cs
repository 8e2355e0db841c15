using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// For tests that start hosts themselves, unlike <see cref="BotTestBase"/>: processes to kill, two
/// replicas, a host with settings only a restart can change. Gives each test a fake Slack Web API and
/// a fresh database of the given provider, and disposes every host started through it, then Slack,
/// then the database.
/// </summary>
public abstract class OwnHostsTestBase(StorageProvider provider) : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _hosts = [];
    private FakeSlackApi? _slack;
    private TestDatabase? _database;

    protected StorageProvider Provider => provider;

    protected FakeSlackApi Slack => _slack ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected TestDatabase Database => _database ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected SlackRequests Requests { get; } = new(BotSettings.SigningSecret);

    /// <summary>Settings for a host on this test's database and fake Slack; each call returns a new copy.</summary>
    protected Dictionary<string, string?> Settings() => BotSettings.For(Database, Slack);

    public async Task InitializeAsync()
    {
        try
        {
            _slack = await FakeSlackApi.StartAsync();
            Requests.HooksBase = _slack.HooksBaseUrl;
            _database = await TestDatabase.CreateAsync(provider);
        }
        catch
        {
            // xUnit does not dispose a test whose initialisation failed.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        IAsyncDisposable[] hosts;
        lock (_hosts)
        {
            hosts = [.. _hosts];
            _hosts.Clear();
        }
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }
        if (_slack is not null)
        {
            await _slack.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>The bot as a process of its own (it can be killed with SIGKILL); safe to call concurrently.</summary>
    protected async Task<BotProcess> StartProcessAsync(IReadOnlyDictionary<string, string?> settings) =>
        Track(await BotProcess.StartAsync(settings));

    /// <summary>The bot in this test process.</summary>
    protected async Task<InProcessBot> StartInProcessAsync(IReadOnlyDictionary<string, string?> settings) =>
        Track(await InProcessBot.StartAsync(settings));

    /// <summary>Stops a host now, as a deploy would, rather than at the end of the test.</summary>
    protected async Task StopAsync(IAsyncDisposable host)
    {
        lock (_hosts)
        {
            _hosts.Remove(host);
        }
        await host.DisposeAsync();
    }

    private T Track<T>(T host) where T : IAsyncDisposable
    {
        lock (_hosts)
        {
            _hosts.Add(host);
        }
        return host;
    }
}
