using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// One bot per test: a fresh database of the given provider, a fake Slack Web API, and the real host
/// in process. Tests send signed requests with <see cref="SendAsync"/> and assert the reply and the
/// Slack calls the fake recorded.
/// </summary>
public abstract class BotTestBase(StorageProvider provider) : IAsyncLifetime
{
    /// <summary>Slack gives up on a command after 3 s; the bot promises an answer well within that.</summary>
    protected static readonly TimeSpan AnswerBudget = TimeSpan.FromSeconds(1);

    private TestDatabase? _database;
    private FakeSlackApi? _slack;
    private BotFactory? _bot;
    private Dictionary<string, string?>? _settings;
    private HttpClient? _client;

    protected StorageProvider Provider => provider;

    protected FakeSlackApi Slack => _slack ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected TestDatabase Database => _database ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected SlackRequests Requests { get; } = new(BotSettings.SigningSecret);

    /// <summary>The running bot's services (its Hangfire store and client, for tests of the scheduler).</summary>
    protected IServiceProvider BotServices => _bot?.Services ?? throw new InvalidOperationException("InitializeAsync has not run.");

    public virtual async Task InitializeAsync()
    {
        try
        {
            _slack = await FakeSlackApi.StartAsync();
            Requests.HooksBase = _slack.HooksBaseUrl;
            _database = await TestDatabase.CreateAsync(provider);
            var settings = BotSettings.For(_database, _slack);
            Configure(settings);
            _settings = settings;
            _bot = new BotFactory(settings);
            _client = _bot.CreateClient();
            // Starts the host (migrations, outbox worker, scheduler) and warms up the request path, so
            // the timings tests measure are the bot's and not the test server's first-request setup.
            await WaitUntilHealthyAsync(_client);
            await SendAsync(Requests.Command("help"));
        }
        catch
        {
            // xUnit does not dispose a test whose initialisation failed: drop the database here.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops the bot (as a deploy would: its hosted services shut down) and starts a new one on the same
    /// database and fake Slack, with <paramref name="change"/> applied to its settings.
    /// </summary>
    protected async Task RestartAsync(Action<Dictionary<string, string?>>? change = null)
    {
        _client?.Dispose();
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }
        var settings = new Dictionary<string, string?>(_settings!);
        change?.Invoke(settings);
        _settings = settings;
        _bot = new BotFactory(settings);
        _client = _bot.CreateClient();
        await WaitUntilHealthyAsync(_client);
    }

    /// <summary>A test class's own settings (short cadences, escalation rules...), applied over <see cref="BotSettings.For"/> before the bot starts.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
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

    /// <summary>Polls <c>GET /healthz</c> as a load balancer would, until 200; the scheduler may still be starting when the host is.</summary>
    public static async Task WaitUntilHealthyAsync(HttpClient client, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            using var health = await client.GetAsync("/healthz");
            if (health.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"GET /healthz never answered 200; last: {(int)health.StatusCode} {await health.Content.ReadAsStringAsync()}");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Another client of the running bot (e.g. one that does not follow redirects or keep cookies, like a first visit).</summary>
    protected HttpClient CreateClient(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions options) =>
        _bot?.CreateClient(options) ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected HttpClient Client => _client ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected Task<SlackReply> SendAsync(SlackRequest request) => SendAsync(Client, request, Slack);

    /// <summary>
    /// Sends a request and returns what the person sees. A slash command that changes something is
    /// acknowledged with an empty 200 and answered through its response_url a moment later: with
    /// <paramref name="slack"/> given, that answer is waited for and returned (<see cref="SlackReply.Deferred"/>);
    /// an empty 200 that opened a form (views.open with the request's trigger_id) is returned as it is.
    /// </summary>
    public static async Task<SlackReply> SendAsync(HttpClient client, SlackRequest request, FakeSlackApi? slack = null)
    {
        using var message = request.ToHttpRequest();
        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        clock.Stop();
        var reply = new SlackReply(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, clock.Elapsed);
        if (slack is null || request.Path != "/slack/commands" || response.StatusCode != HttpStatusCode.OK || body.Length > 0
            || FormField(request, "response_url") is not { } responseUrl)
        {
            return reply;
        }
        var triggerId = FormField(request, "trigger_id");
        var calls = await slack.WaitForAsync(
            all => all.Any(c => c.Method == FakeSlackApi.ResponseUrlMethod && c.Url == responseUrl) || all.Any(c => c.Method == "views.open" && c.TriggerId == triggerId),
            $"the answer to /incident {Shorten(FormField(request, "text") ?? "")} at its response_url (or a form it opened)");
        var answer = calls.FirstOrDefault(c => c.Method == FakeSlackApi.ResponseUrlMethod && c.Url == responseUrl);
        return answer is null ? reply : reply with { Body = answer.RawBody, ContentType = "application/json", Deferred = true };
    }

    private static string? FormField(SlackRequest request, string name)
    {
        foreach (var pair in request.BodyText.Split('&'))
        {
            var equals = pair.IndexOf('=');
            if (equals > 0 && Uri.UnescapeDataString(pair[..equals]) == name)
            {
                return Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            }
        }
        return null;
    }

    /// <summary>Sends <c>/incident {text}</c> and checks it got a 200.</summary>
    protected async Task<SlackReply> CommandAsync(string text, string user = SlackRequests.Alice)
    {
        var reply = await SendAsync(Requests.Command(text, user));
        Assert.True(reply.Status == HttpStatusCode.OK, $"/incident {Shorten(text)} should answer 200; got {reply}");
        return reply;
    }

    /// <summary>Declares an incident with the inline command and waits for its headline in the channel.</summary>
    protected async Task<SlackCall> OpenAsync(string reference, string text = "open P1 orders mart stale since 06:00", string user = SlackRequests.Alice)
    {
        var reply = await CommandAsync(text, user);
        Assert.Contains(reference, reply.Text);
        return await Slack.WaitForHeadlineAsync(reference);
    }

    /// <summary>
    /// Declares a throwaway incident and waits for its headline. The outbox sends due messages in the
    /// order they were queued, so once this headline is in, anything the test caused earlier has been
    /// sent too, and "exactly one" or "none" can be counted. Returns the reference the bot gave the
    /// throwaway incident, which says how many incidents exist (INC-1: the test created none).
    /// </summary>
    protected async Task<string> SettleAsync()
    {
        var reply = await CommandAsync($"open P3 settling incident {Guid.NewGuid():N}", user: "U0SETTLE");
        var reference = Regex.Match(reply.Text, @"INC-[0-9]+").Value;
        Assert.False(string.IsNullOrEmpty(reference), $"The settling incident's reply should name it; got {reply}");
        await Slack.WaitForHeadlineAsync(reference);
        return reference;
    }

    /// <summary>
    /// Nothing reached Slack but <paramref name="count"/> settling incidents (<see cref="SettleAsync"/>):
    /// each is one headline, and one answer to the command that declared it.
    /// </summary>
    protected void AssertOnlySettlingIncidentsReachedSlack(int count)
    {
        var calls = Slack.Calls;
        Assert.True(calls.Count(c => c.IsHeadlinePost) == count && calls.Count(c => c.Method == FakeSlackApi.ResponseUrlMethod) == count && calls.Count == 2 * count,
            $"Only {count} settling incident(s) should have reached Slack (a headline and an answer each).\n{Slack.Dump()}");
        Assert.All(calls, c => Assert.Contains(c.IsHeadlinePost ? "settling incident" : "Declared *INC-", c.AllText, StringComparison.Ordinal));
    }

    /// <summary>Successful headline posts naming <paramref name="reference"/>.</summary>
    protected IReadOnlyList<SlackCall> HeadlinesOf(string reference) =>
        Slack.Headlines.Where(c => c.Mentions(reference)).ToArray();

    protected static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
