using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

// Two scenarios against the running host (a child process `dotnet IncidentBot.dll`, a fake Slack Web API in-process):
//   ack (default): acknowledgement latency of signed slash commands next to a bare endpoint (/livez) of the same host;
//     the ratio is the figure that travels between machines.
//     dotnet run -c Release --project bench/IncidentBot.Bench -- [--provider sqlite|postgres] [--requests 2000] [--concurrency 50]
//   reminders: issue 3's scale run, N open incidents with reminders scheduled; how late reminders fire and the host's memory.
//     dotnet run -c Release --project bench/IncidentBot.Bench -- --scenario reminders [--provider sqlite|postgres] [--incidents 10000]
//       [--cadence 00:05:00] [--due-every 1] [--concurrency 16] [--grace 120] [--set Scheduler__ThreadCount=16 ...]   (see RemindersScenario.cs)
var scenario = Harness.Arg(args, "--scenario", "ack");
if (scenario == "reminders")
{
    return await RemindersScenario.RunAsync(args);
}
if (scenario != "ack")
{
    Console.Error.WriteLine($"Unknown scenario '{scenario}': use ack (default) or reminders.");
    return 2;
}

var provider = Harness.Arg(args, "--provider", "sqlite");
var requests = int.Parse(Harness.Arg(args, "--requests", "2000"), CultureInfo.InvariantCulture);
var concurrency = int.Parse(Harness.Arg(args, "--concurrency", "50"), CultureInfo.InvariantCulture);
var postgres = Harness.DefaultPostgres(args);

await using var fakeSlack = await FakeSlack.StartAsync();
var port = Harness.FreePort();
var dataDir = Directory.CreateTempSubdirectory("incidentbot-bench");
string? database = null;
var env = new Dictionary<string, string>
{
    ["Slack__SigningSecret"] = Harness.Secret,
    ["Slack__BotToken"] = "xoxb-bench",
    ["Slack__ApiBaseUrl"] = fakeSlack.BaseUrl,
    ["Serilog__MinimumLevel__Default"] = "Warning",
};
if (provider == "postgres")
{
    database = "incidentbot_bench_" + Guid.NewGuid().ToString("N")[..8];
    await Harness.Psql(postgres, $"CREATE DATABASE {database}");
    env["Storage__Provider"] = "Postgres";
    env["ConnectionStrings__Postgres"] = postgres + ";Database=" + database;
}
else
{
    env["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(dataDir.FullName, "bench.db")}";
}

var host = Harness.StartHost(port, env);
try
{
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    await Harness.WaitHealthy(http);

    var sent = 0;
    HttpRequestMessage Command()
    {
        var i = Interlocked.Increment(ref sent);
        return Harness.SignedCommand($"open P2 bench incident {i}", i);
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
        await Harness.Psql(postgres, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
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

internal sealed record Stats(double P50, double P99, double Throughput, int Errors)
{
    public string Line(string name) => string.Create(CultureInfo.InvariantCulture, $"{name,-22} {P50,8:F2} {P99,8:F2} {Throughput,8:F0} {Errors,7}");
}
