using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

/// <summary>
/// Acknowledgement latency: N signed <c>/incident open</c> commands, C at a time (each client sends its
/// next as soon as it has its answer), against a bare endpoint of the same host (<c>/livez</c>), after
/// a warm-up long enough for the JIT to settle and with the warm-up's work drained, so the figures are
/// the steady state of a running bot. Also reported: how long after the last acknowledgement every
/// measured command's headline and answer had reached Slack (the work behind the acknowledgements),
/// and the host's CPU time.
/// </summary>
internal static class AckScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var provider = Harness.Arg(args, "--provider", "sqlite");
        var requests = int.Parse(Harness.Arg(args, "--requests", "2000"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Harness.Arg(args, "--concurrency", "50"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(Harness.Arg(args, "--warmup", "2000"), CultureInfo.InvariantCulture);
        var postgres = Harness.DefaultPostgres(args);

        var headlines = 0;
        var answers = 0;
        await using var fakeSlack = await FakeSlack.StartAsync((method, body, _) =>
        {
            if (method == "chat.postMessage" && !body.Contains("\"thread_ts\"", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref headlines);
            }
            else if (method == "response_url")
            {
                Interlocked.Increment(ref answers);
            }
        });
        await using var bot = await BenchHost.StartAsync(provider, postgres, fakeSlack, [new("Alerts__Token", Harness.AlertsToken)]);
        var host = bot.Process;
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri($"http://127.0.0.1:{bot.Port}") };
            await Harness.WaitHealthy(http);

            var sent = 0;
            HttpRequestMessage Command()
            {
                var i = Interlocked.Increment(ref sent);
                return Harness.SignedCommand($"open P2 bench incident {i}", i, fakeSlack.HooksBaseUrl);
            }
            HttpRequestMessage Bare() => new(HttpMethod.Get, "/livez");
            // Alerts about 100 problems: each declares its incident once, the rest are repeats (counted).
            var alerted = 0;
            HttpRequestMessage Alert()
            {
                var i = Interlocked.Increment(ref alerted);
                return Harness.Alert(i, i % 100);
            }

            // Warm up both paths (JIT tiers, connection pools, database caches), then let the warm-up's
            // work (inbox, outbox, schedules) drain so the measured window starts from a quiet bot.
            await Run(http, Bare, Math.Max(warmup, 200), concurrency);
            await Run(http, Command, Math.Max(warmup, 200), concurrency);
            var drained = await WaitFor(() => Volatile.Read(ref headlines) >= sent && Volatile.Read(ref answers) >= sent, TimeSpan.FromMinutes(5));
            await Task.Delay(TimeSpan.FromSeconds(2));

            var bare = await Run(http, Bare, requests, concurrency);
            var cpuBefore = ProcSample.Read(host.Id);
            var clock = Stopwatch.StartNew();
            var commands = await Run(http, Command, requests, concurrency);
            var acknowledged = clock.Elapsed;
            var allDone = await WaitFor(() => Volatile.Read(ref headlines) >= sent && Volatile.Read(ref answers) >= sent, TimeSpan.FromMinutes(5));
            var done = clock.Elapsed;
            var cpuAfter = ProcSample.Read(host.Id);
            // Alerts last: they are applied one at a time after their answer, so their warm-up's work would
            // still run while the bare endpoint and the commands were measured.
            await Task.Delay(TimeSpan.FromSeconds(2));
            await Run(http, Alert, Math.Max(warmup, 200), concurrency, HttpStatusCode.Accepted);
            var alertsDrained = await AlertsAppliedAsync(bot, TimeSpan.FromMinutes(5));
            await Task.Delay(TimeSpan.FromSeconds(2));
            var alertClock = Stopwatch.StartNew();
            var alerts = await Run(http, Alert, requests, concurrency, HttpStatusCode.Accepted);
            var alertsAnswered = alertClock.Elapsed;
            var alertsApplied = await AlertsAppliedAsync(bot, TimeSpan.FromMinutes(5));
            var alertsDone = alertClock.Elapsed;

            var report = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"IncidentBot acknowledgement benchmark: provider={provider} requests={requests} concurrency={concurrency} warmup={warmup} cores={Environment.ProcessorCount}")
                .AppendLine(CultureInfo.InvariantCulture, $"{"endpoint",-22} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"req/s",8} {"errors",7}")
                .AppendLine(bare.Line("GET /livez (bare)"))
                .AppendLine(commands.Line("POST /slack/commands"))
                .AppendLine(alerts.Line("POST /alerts/generic"))
                .AppendLine(CultureInfo.InvariantCulture, $"ratio command/bare: p50 x{commands.P50 / bare.P50:F1}, p99 x{commands.P99 / bare.P99:F1}, throughput x{commands.Throughput / bare.Throughput:F2}")
                .AppendLine(CultureInfo.InvariantCulture, $"ratio alert/command: p50 x{alerts.P50 / commands.P50:F2}, p99 x{alerts.P99 / commands.P99:F2}; alert p99 < 50 ms at {concurrency} concurrent: {(alerts.P99 < 50 ? "met" : "NOT met")}")
                .AppendLine(CultureInfo.InvariantCulture, $"work behind the alerts (100 problems, applied one at a time): all {requests} applied {alertsDone.TotalSeconds:F1} s after the first ({alertsAnswered.TotalSeconds:F1} s to answer them all, {requests / alertsDone.TotalSeconds:F0} alerts/s){(alertsApplied ? "" : ", NOT all within 5 min")}; warm-up applied: {(alertsDrained ? "yes" : "no")}")
                .AppendLine(CultureInfo.InvariantCulture, $"target p99 < 50 ms at {concurrency} concurrent: {(commands.P99 < 50 ? "met" : "NOT met")}")
                .AppendLine(CultureInfo.InvariantCulture, $"work behind the acknowledgements: every headline and answer in Slack {done.TotalSeconds:F1} s after the first command ({acknowledged.TotalSeconds:F1} s to acknowledge them all){(allDone ? "" : ", NOT all arrived within 5 min")}; warm-up drained: {(drained ? "yes" : "no")}")
                .AppendLine(CultureInfo.InvariantCulture, $"host CPU during the measured commands and their work: {cpuAfter.CpuSeconds - cpuBefore.CpuSeconds:F1} s ({(cpuAfter.CpuSeconds - cpuBefore.CpuSeconds) * 1000 / requests:F2} ms per command); {cpuAfter.Mb}")
                .ToString();
            Console.Write(report);
            await File.WriteAllTextAsync(Path.Combine(Harness.ResultsDirectory(), $"ack-{provider}-{DateTime.UtcNow:yyyyMMddHHmmss}.txt"), report);
            return commands.Errors == 0 && alerts.Errors == 0 && allDone ? 0 : 1;
        }
    }

    /// <summary>Waits until the bot has applied every alert it stored (the inbox's alert lane is empty).</summary>
    private static async Task<bool> AlertsAppliedAsync(BenchHost bot, TimeSpan timeout)
    {
        await using var storage = IncidentBot.Storage.IncidentStorage.Create(
            bot.IsPostgres ? IncidentBot.Storage.StorageProvider.Postgres : IncidentBot.Storage.StorageProvider.Sqlite, bot.ConnectionString);
        var deadline = Stopwatch.StartNew();
        while (await storage.Inbox.HasPendingAsync(IncidentBot.Alerts.AlertIntake.Lane, DateTimeOffset.MaxValue))
        {
            if (deadline.Elapsed > timeout)
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }

    private static async Task<bool> WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }

    private static async Task<Stats> Run(HttpClient http, Func<HttpRequestMessage> make, int count, int concurrency, HttpStatusCode expected = HttpStatusCode.OK)
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
                if (response.StatusCode != expected)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        clock.Stop();
        Array.Sort(latencies);
        return new Stats(latencies[count / 2], latencies[(int)Math.Min(count - 1, Math.Ceiling(count * 0.99) - 1)], latencies[^1], count / clock.Elapsed.TotalSeconds, errors);
    }

    private sealed record Stats(double P50, double P99, double Max, double Throughput, int Errors)
    {
        public string Line(string name) => string.Create(CultureInfo.InvariantCulture, $"{name,-22} {P50,8:F2} {P99,8:F2} {Max,8:F1} {Throughput,8:F0} {Errors,7}");
    }
}
