namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// One in-process bot with exactly the settings a test gives it, for tests that start the bot in a
/// way <see cref="BotTestBase"/> does not (no signing secret, no bot token) or start it twice against
/// the same database. Waits for <c>GET /healthz</c> 200 before handing it over; disposing stops the
/// host with its hosted services, as a shutdown would.
/// </summary>
public sealed class InProcessBot : IAsyncDisposable
{
    private readonly BotFactory _factory;

    private InProcessBot(BotFactory factory, HttpClient client)
    {
        _factory = factory;
        Client = client;
    }

    public HttpClient Client { get; }

    /// <summary>The bot's services (its Hangfire store, for tests of the scheduler).</summary>
    public IServiceProvider Services => _factory.Services;

    public static async Task<InProcessBot> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var factory = new BotFactory(settings);
        try
        {
            var client = factory.CreateClient();
            await BotTestBase.WaitUntilHealthyAsync(client);
            return new InProcessBot(factory, client);
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}
