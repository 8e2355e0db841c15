using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IncidentBot.Slack;

// Acknowledgement latency of signed slash commands against the running host, next to a bare
// endpoint (/livez) of the same host: the ratio is the figure that travels between machines.
//   dotnet run -c Release --project bench/IncidentBot.Bench -- [--provider sqlite|postgres] [--requests 2000] [--concurrency 50]
var provider = Arg("--provider", "sqlite");
var requests = int.Parse(Arg("--requests", "2000"), CultureInfo.InvariantCulture);
var concurrency = int.Parse(Arg("--concurrency", "50"), CultureInfo.InvariantCulture);
var postgres = Arg("--postgres", Environment.GetEnvironmentVariable("INCIDENTBOT_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres");
const string secret = "bench-signing-secret";

await using var fakeSlack = await FakeSlack.StartAsync();
var port = FreePort();
var dataDir = Directory.CreateTempSubdirectory("incidentbot-bench");
string? database = null;
var env = new Dictionary<string, string>
{
    ["Slack__SigningSecret"] = secret,
    ["Slack__BotToken"] = "xoxb-bench",
    ["Slack__ApiBaseUrl"] = fakeSlack.BaseUrl,
    ["Serilog__MinimumLevel__Default"] = "Warning",
};
if (provider == "postgres")
{
    database = "incidentbot_bench_" + Guid.NewGuid().ToString("N")[..8];
    await Psql(postgres, $"CREATE DATABASE {database}");
    env["Storage__Provider"] = "Postgres";
    env["ConnectionStrings__Postgres"] = postgres + ";Database=" + database;
}
else
{
    env["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(dataDir.FullName, "bench.db")}";
}

var host = StartHost(port, env);
try
{
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    await WaitHealthy(http);

    var sent = 0;
    HttpRequestMessage Command()
    {
        var i = Interlocked.Increment(ref sent);
        var body = $"team_id=T1&channel_id=C1&user_id=U{i % 97}&command=%2Fincident&text=open+P2+bench+incident+{i}&trigger_id=t{i}&response_url=http%3A%2F%2F127.0.0.1%2Fr";
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add(SlackHeaders.Timestamp, ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SlackHeaders.Signature, SlackSignature.Sign(secret, ts, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    // Warm up both paths (JIT, connection pools, SQLite/PostgreSQL caches).
    await Run(http, () => new HttpRequestMessage(HttpMethod.Get, "/livez"), 200, concurrency);
    await Run(http, Command, 200, concurrency);

    var bare = await Run(http, () => new HttpRequestMessage(HttpMethod.Get, "/livez"), requests, concurrency);
    var commands = await Run(http, Command, requests, concurrency);

    var report = new StringBuilder()
        .AppendLine(CultureInfo.InvariantCulture, $"IncidentBot acknowledgement benchmark: provider={provider} requests={requests} concurrency={concurrency} cores={Environment.ProcessorCount}")
        .AppendLine(CultureInfo.InvariantCulture, $"{"endpoint",-22} {"p50 ms",8} {"p99 ms",8} {"req/s",8} {"errors",7}")
        .AppendLine(bare.Line("GET /livez (bare)"))
        .AppendLine(commands.Line("POST /slack/commands"))
        .AppendLine(CultureInfo.InvariantCulture, $"ratio command/bare: p50 x{commands.P50 / bare.P50:F1}, p99 x{commands.P99 / bare.P99:F1}, throughput x{commands.Throughput / bare.Throughput:F2}")
        .AppendLine(CultureInfo.InvariantCulture, $"target p99 < 50 ms at {concurrency} concurrent: {(commands.P99 < 50 ? "met" : "NOT met")}")
        .ToString();
    Console.Write(report);
    Directory.CreateDirectory("bench/results");
    await File.WriteAllTextAsync(Path.Combine("bench/results", $"ack-{provider}-{DateTime.UtcNow:yyyyMMddHHmmss}.txt"), report);
    return commands.Errors == 0 ? 0 : 1;
}
finally
{
    host.Kill(entireProcessTree: true);
    await host.WaitForExitAsync();
    if (database is not null)
    {
        await Psql(postgres, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }
    dataDir.Delete(recursive: true);
}

static async Task<Stats> Run(HttpClient http, Func<HttpRequestMessage> make, int count, int concurrency)
{
    var latencies = new double[count];
    var next = -1;
    var errors = 0;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            using var request = make();
            var start = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Interlocked.Increment(ref errors);
            }
        }
    }));
    clock.Stop();
    Array.Sort(latencies);
    return new Stats(latencies[count / 2], latencies[(int)Math.Min(count - 1, Math.Ceiling(count * 0.99) - 1)], count / clock.Elapsed.TotalSeconds, errors);
}

static Process StartHost(int port, Dictionary<string, string> env)
{
    var dll = Path.Combine(AppContext.BaseDirectory, "IncidentBot.dll");
    var info = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"]) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var (key, value) in env)
    {
        info.Environment[key] = value;
    }
    var process = Process.Start(info)!;
    process.OutputDataReceived += (_, e) => { if (e.Data is { } line && line.Contains("ERR", StringComparison.Ordinal)) Console.Error.WriteLine("host: " + line); };
    process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("host: " + e.Data); };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitHealthy(HttpClient http)
{
    var deadline = DateTime.UtcNow.AddSeconds(60);
    while (DateTime.UtcNow < deadline)
    {
        try
        {
            if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
        }
        await Task.Delay(200);
    }
    throw new TimeoutException("The host did not become healthy within 60 s.");
}

static async Task Psql(string connectionString, string sql)
{
    var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1]);
    var info = new ProcessStartInfo("psql", ["-h", parts.GetValueOrDefault("host", "127.0.0.1"), "-p", parts.GetValueOrDefault("port", "5432"), "-U", parts.GetValueOrDefault("username", "postgres"), "-d", "postgres", "-qc", sql]);
    info.Environment["PGPASSWORD"] = parts.GetValueOrDefault("password", "");
    using var process = Process.Start(info)!;
    await process.WaitForExitAsync();
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

string Arg(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

internal sealed record Stats(double P50, double P99, double Throughput, int Errors)
{
    public string Line(string name) => string.Create(CultureInfo.InvariantCulture, $"{name,-22} {P50,8:F2} {P99,8:F2} {Throughput,8:F0} {Errors,7}");
}

/// <summary>A Slack Web API that answers every call with ok, so the host's outbox drains during the run.</summary>
internal sealed class FakeSlack : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _ts = 1_700_000_000_000_000;

    private FakeSlack(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First() + "/api/";

    public static async Task<FakeSlack> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlack(app);
        app.MapPost("/api/{method}", (string method) =>
        {
            var ts = Interlocked.Increment(ref fake._ts);
            var text = string.Create(CultureInfo.InvariantCulture, $"{ts / 1_000_000}.{ts % 1_000_000:D6}");
            return Results.Text($$"""{"ok":true,"channel":"C0BENCH","ts":"{{text}}"}""", "application/json");
        });
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
