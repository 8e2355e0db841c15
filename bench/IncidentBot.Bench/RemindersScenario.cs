using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

/// <summary>
/// Issue 3's scale run: N open incidents with update reminders scheduled; how late the reminders
/// fire (actual minus due) and how much memory the host holds.
///
/// The P3 cadence is set long enough (default 5 min) that every incident is declared and its Hangfire
/// job scheduled before the first reminder is due, so the reminders then come due spread over the
/// creation window, at the rate the incidents were opened. Incidents are opened with signed
/// <c>/incident open P3 bench {i}</c> commands. The due time of each reminder is the incident's
/// <c>declared_at</c> read back from the database (unix ms, the host's clock) plus the cadence. Two
/// actual times are measured: when the job ran (the timeline row of kind Reminder, written in the
/// job's transaction) and when the message reached the fake Slack (the chat.postMessage whose text
/// is "INC-n: a status update is due", stamped on arrival in this process; same machine, same clock).
/// The run stops when every incident has had its reminder (plus a short settle for duplicates) or
/// at the last due time + grace, whichever comes first.
///
/// With <c>--due-every K</c> all N incidents still get a trigger, but only one in K (opened as P2 with
/// the short cadence; the rest are P3 with a one-day cadence) comes due during the run: the same store
/// size at a due rate K times lower, to tell a large store from a burst.
///
/// Escalations are configured as one rule that never applies (P0 only, so only reminders fire), and
/// the host's own defaults apply otherwise; <c>--set Key=Value</c> (repeatable) passes any other
/// configuration, e.g. <c>--set Scheduler__WorkerCount=20</c>.
/// </summary>
internal static partial class RemindersScenario
{
    [GeneratedRegex(@"^INC-(\d+): a status update is due$")]
    private static partial Regex ReminderText();

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = Harness.Arg(args, "--provider", "sqlite");
        var count = int.Parse(Harness.Arg(args, "--incidents", "10000"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Harness.Arg(args, "--concurrency", "16"), CultureInfo.InvariantCulture);
        var cadence = TimeSpan.Parse(Harness.Arg(args, "--cadence", "00:05:00"), CultureInfo.InvariantCulture);
        var grace = TimeSpan.FromSeconds(double.Parse(Harness.Arg(args, "--grace", "120"), CultureInfo.InvariantCulture));
        // 1 (default): every incident is P3 with --cadence, so all N reminders come due over the creation window.
        // K > 1: incident i is P2 with --cadence when i % K == 0, otherwise P3 with a one-day cadence: all N
        // triggers are in the store, and one in K comes due during the run (a due rate of creation rate / K).
        var dueEvery = int.Parse(Harness.Arg(args, "--due-every", "1"), CultureInfo.InvariantCulture);
        // 0 (default): commands as fast as --concurrency clients get them answered, so reminders come due
        // as fast as the bot declares incidents. R > 0: command i is sent at (i-1)/R s after the first, so
        // the incidents are declared, and their reminders come due, at R per second.
        var rate = double.Parse(Harness.Arg(args, "--rate", "0"), CultureInfo.InvariantCulture);
        var postgres = Harness.DefaultPostgres(args);
        var isPostgres = provider == "postgres";
        var extra = new List<KeyValuePair<string, string>>();
        for (var a = 0; a + 1 < args.Length; a++)
        {
            if (args[a] == "--set" && args[a + 1].Split('=', 2) is [var key, var value])
            {
                extra.Add(new(key, value));
            }
        }

        bool Measured(int i) => dueEvery <= 1 || i % dueEvery == 0;

        var arrivals = new ConcurrentQueue<(long Number, DateTimeOffset At)>();
        var calls = new ConcurrentDictionary<string, int>();
        await using var fakeSlack = await FakeSlack.StartAsync((method, body, at) =>
        {
            calls.AddOrUpdate(method, 1, (_, c) => c + 1);
            if (method == "chat.postMessage" && body.Contains("a status update is due", StringComparison.Ordinal))
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.TryGetProperty("text", out var text) && ReminderText().Match(text.GetString() ?? "") is { Success: true } match)
                {
                    arrivals.Enqueue((long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), at));
                }
            }
        });

        var settings = new Dictionary<string, string>
        {
            ["Policy__UpdateEvery__P2"] = cadence.ToString("c", CultureInfo.InvariantCulture),
            ["Policy__UpdateEvery__P3"] = (dueEvery > 1 ? TimeSpan.FromDays(1) : cadence).ToString("c", CultureInfo.InvariantCulture),
            // One escalation rule that never applies to the P2/P3 incidents opened here: only reminders fire.
            ["Policy__Escalations__0__Name"] = "none",
            ["Policy__Escalations__0__When"] = "Unresolved",
            ["Policy__Escalations__0__After"] = "365.00:00:00",
            ["Policy__Escalations__0__Notify"] = "nobody",
            ["Policy__Escalations__0__Severities__0"] = "P0",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        await using var bot = await BenchHost.StartAsync(provider, postgres, fakeSlack, settings);
        var host = bot.Process;
        var connectionString = bot.ConnectionString;
        using var sampler = new Sampler(host.Id);
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri($"http://127.0.0.1:{bot.Port}") };
            await Harness.WaitHealthy(http);
            await Task.Delay(1000);
            var idle = ProcSample.Read(host.Id);
            Console.WriteLine($"host up (pid {host.Id}): {idle.Mb}");

            // 1. Open the incidents.
            sampler.Phase = "create";
            var sendAt = new long[count + 1];
            var latencies = new double[count];
            var errors = 0;
            var next = 0;
            var createStart = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var progress = Task.Run(async () =>
            {
                while (Volatile.Read(ref next) < count)
                {
                    await Task.Delay(10_000);
                    Console.WriteLine($"  +{clock.Elapsed.TotalSeconds,5:F0} s: {Math.Min(Volatile.Read(ref next), count)} commands sent");
                }
            });
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) <= count)
                {
                    if (rate > 0 && TimeSpan.FromSeconds((i - 1) / rate) - clock.Elapsed is { TotalMilliseconds: > 0 } wait)
                    {
                        await Task.Delay(wait);
                    }
                    using var request = Harness.SignedCommand($"open {(Measured(i) ? (dueEvery > 1 ? "P2" : "P3") : "P3")} bench {i}", i, fakeSlack.HooksBaseUrl);
                    sendAt[i] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    var start = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await http.SendAsync(request);
                        if (!response.IsSuccessStatusCode)
                        {
                            Interlocked.Increment(ref errors);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref errors);
                    }
                    latencies[i - 1] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            }));
            var createSeconds = clock.Elapsed.TotalSeconds;
            await progress;
            var created = ProcSample.Read(host.Id);
            Array.Sort(latencies);
            Console.WriteLine($"created {count} in {createSeconds:F1} s ({count / createSeconds:F0}/s), errors {errors}; {created.Mb}");

            // 2. Wait until every incident's reminder job is scheduled in Hangfire and recorded (bounded by the first due time).
            sampler.Phase = "schedule";
            var firstDue = createStart + cadence;
            long pending = -1, triggers = 0;
            while (DateTimeOffset.UtcNow < firstDue)
            {
                var rows = await Harness.Query(isPostgres, connectionString,
                    "SELECT (SELECT COUNT(*) FROM schedule_requests), (SELECT COUNT(*) FROM scheduled_jobs WHERE job LIKE '%/update-reminder' AND job_id IS NOT NULL)");
                pending = Convert.ToInt64(rows[0][0], CultureInfo.InvariantCulture);
                triggers = Convert.ToInt64(rows[0][1], CultureInfo.InvariantCulture);
                if (pending == 0 && triggers >= count)
                {
                    break;
                }
                await Task.Delay(1000);
            }
            var scheduledSeconds = (DateTimeOffset.UtcNow - createStart).TotalSeconds;
            var headlinesByScheduled = calls.GetValueOrDefault("chat.postMessage");
            await Task.Delay(2000);
            var scheduled = ProcSample.Read(host.Id);
            Console.WriteLine($"scheduled: {triggers} reminder triggers, {pending} requests pending at +{scheduledSeconds:F1} s; {scheduled.Mb}");

            // 3. Due times from the database.
            var incidents = (await Harness.Query(isPostgres, connectionString, "SELECT number, title, declared_at FROM incidents WHERE title LIKE 'bench %'"))
                .Select(r => (Number: Convert.ToInt64(r[0], CultureInfo.InvariantCulture), I: int.Parse(((string)r[1])[6..], CultureInfo.InvariantCulture), Declared: Convert.ToInt64(r[2], CultureInfo.InvariantCulture)))
                .ToList();
            var due = incidents.Where(x => Measured(x.I)).ToDictionary(x => x.Number, x => x.Declared + (long)cadence.TotalMilliseconds);
            var declareLag = incidents.Select(x => (double)(x.Declared - sendAt[x.I])).Order().ToArray();
            var lastDue = DateTimeOffset.FromUnixTimeMilliseconds(due.Values.Max());
            var earliestDue = DateTimeOffset.FromUnixTimeMilliseconds(due.Values.Min());
            var dueSpread = (lastDue - earliestDue).TotalSeconds;
            Console.WriteLine($"{incidents.Count} incidents in the database, {due.Count} due in the window; reminders due from {earliestDue:HH:mm:ss.fff} to {lastDue:HH:mm:ss.fff} UTC ({dueSpread:F1} s); waiting until all arrive or {grace.TotalSeconds:F0} s after the last is due");

            // 4. Wait for the reminders.
            sampler.Phase = "remind";
            var beforeReminders = ProcSample.Read(host.Id);
            var deadline = lastDue + grace;
            var seen = new HashSet<long>();
            var reminded = new Dictionary<long, List<long>>();
            DateTimeOffset? allArrived = null;
            var lastPrint = DateTimeOffset.UtcNow;
            while (DateTimeOffset.UtcNow < deadline)
            {
                while (arrivals.TryDequeue(out var arrival))
                {
                    if (!reminded.TryGetValue(arrival.Number, out var list))
                    {
                        reminded[arrival.Number] = list = [];
                    }
                    list.Add(arrival.At.ToUnixTimeMilliseconds());
                }
                var now = DateTimeOffset.UtcNow;
                if (allArrived is null && due.Keys.All(reminded.ContainsKey))
                {
                    allArrived = now;
                }
                if (allArrived is { } done && now - done > TimeSpan.FromSeconds(5))
                {
                    break; // settled: a duplicate would have shown by now
                }
                if (now - lastPrint >= TimeSpan.FromSeconds(15))
                {
                    lastPrint = now;
                    var nowMs = now.ToUnixTimeMilliseconds();
                    Console.WriteLine($"  {now:HH:mm:ss}: {reminded.Count} reminded, {due.Values.Count(d => d <= nowMs)} due; host {ProcSample.Read(host.Id).Mb}");
                }
                await Task.Delay(250);
            }
            while (arrivals.TryDequeue(out var late))
            {
                if (!reminded.TryGetValue(late.Number, out var list))
                {
                    reminded[late.Number] = list = [];
                }
                list.Add(late.At.ToUnixTimeMilliseconds());
            }
            var after = ProcSample.Read(host.Id);
            var windowClosed = DateTimeOffset.UtcNow;

            // 5. When each job ran (timeline) and what is still recorded as scheduled.
            var jobRan = new Dictionary<long, List<long>>();
            foreach (var row in await Harness.Query(isPostgres, connectionString, "SELECT incident_number, at FROM timeline WHERE kind = 'Reminder'"))
            {
                var number = Convert.ToInt64(row[0], CultureInfo.InvariantCulture);
                if (!jobRan.TryGetValue(number, out var list))
                {
                    jobRan[number] = list = [];
                }
                list.Add(Convert.ToInt64(row[1], CultureInfo.InvariantCulture));
            }
            var stillScheduled = await Harness.Query(isPostgres, connectionString, "SELECT COUNT(*) FROM scheduled_jobs WHERE job_id IS NOT NULL");

            // 6. Report.
            var delivered = due.Where(d => reminded.ContainsKey(d.Key)).Select(d => (reminded[d.Key].Min() - d.Value) / 1000.0).ToArray();
            var ran = due.Where(d => jobRan.ContainsKey(d.Key)).Select(d => (jobRan[d.Key].Min() - d.Value) / 1000.0).ToArray();
            var outbox = due.Keys.Where(n => reminded.ContainsKey(n) && jobRan.ContainsKey(n)).Select(n => (reminded[n].Min() - jobRan[n].Min()) / 1000.0).ToArray();
            // A second message less than half a cadence after the first is a duplicate; later, it is the next
            // reminder (legitimate once the window outlasts the cadence, e.g. when reminders run very late).
            var cadenceMs = (long)cadence.TotalMilliseconds;
            var duplicates = reminded.Count(r => due.ContainsKey(r.Key) && Repeats(r.Value, cadenceMs).Duplicates > 0);
            var nextReminders = reminded.Where(r => due.ContainsKey(r.Key)).Sum(r => Repeats(r.Value, cadenceMs).Next);
            var missing = due.Keys.Count(n => !reminded.ContainsKey(n));
            var unexpected = reminded.Keys.Count(n => !due.ContainsKey(n));
            var jobDuplicates = jobRan.Count(r => Repeats(r.Value, cadenceMs).Duplicates > 0);
            var deliveredSorted = delivered.Order().ToArray();
            var reminderCpu = after.CpuSeconds - beforeReminders.CpuSeconds;
            var reminderWall = (windowClosed - DateTimeOffset.FromUnixTimeMilliseconds(due.Values.Min())).TotalSeconds;
            var tuned = string.Join(", ", extra.Select(e => $"{e.Key}={e.Value}"));

            var report = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"IncidentBot reminder scale run: provider={provider} incidents={count} {(dueEvery > 1 ? $"due-every={dueEvery} ({due.Count} P2 every {cadence:c}, the rest P3 every day)" : $"cadence(P3)={cadence:c}")} concurrency={concurrency} rate={(rate > 0 ? $"{rate:0}/s" : "as fast as answered")} cores={Environment.ProcessorCount} {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC")
                .AppendLine(CultureInfo.InvariantCulture, $"host settings: {(tuned.Length == 0 ? "the host's defaults (Scheduler: WorkerCount 10, SchedulePollInterval 1 s, QueuePollInterval 200 ms, SyncBatchSize 200, SyncGather 200 ms; Outbox: BatchSize 32, Parallelism 8)" : tuned)}; escalations: one rule that never applies (P0 only)")
                .AppendLine(CultureInfo.InvariantCulture, $"creation: {count} signed /incident open {(dueEvery > 1 ? "P2/P3" : "P3")} commands in {createSeconds:F1} s ({count / createSeconds:F0}/s), ack p50 {P(latencies, 0.5):F1} ms p99 {P(latencies, 0.99):F1} ms, errors {errors}; {incidents.Count} incidents stored")
                .AppendLine(CultureInfo.InvariantCulture, $"scheduling: {triggers} reminder triggers stored, {pending} schedule requests left, at +{scheduledSeconds:F1} s after the first command (first reminder due at +{(earliestDue - createStart).TotalSeconds:F1} s); {headlinesByScheduled} headlines delivered by then")
                .AppendLine(CultureInfo.InvariantCulture, $"due basis: incidents.declared_at + cadence (declared_at - command send time: p50 {P(declareLag, 0.5):F0} ms, max {declareLag.DefaultIfEmpty().Max():F0} ms); {due.Count} reminders due over {dueSpread:F1} s ({due.Count / Math.Max(dueSpread, 0.001):F0}/s)")
                .AppendLine(CultureInfo.InvariantCulture, $"arrivals: {reminded.Count(r => due.ContainsKey(r.Key))} of {due.Count} incidents reminded in Slack, missing {missing}, duplicated {duplicates}, unknown {unexpected}, next-cadence reminders {nextReminders}; jobs ran (timeline) for {jobRan.Count}, twice within half a cadence for {jobDuplicates}; window closed {(windowClosed - lastDue).TotalSeconds:F0} s after the last due time{(allArrived is null ? " (TIMEOUT)" : "")}")
                .AppendLine(CultureInfo.InvariantCulture, $"{"lateness, seconds",-34} {"n",6} {"min",7} {"p50",7} {"p99",7} {"max",7}")
                .AppendLine(Line("Slack received - due", delivered))
                .AppendLine(Line("job ran (timeline) - due", ran))
                .AppendLine(Line("Slack received - job ran (outbox)", outbox))
                .AppendLine("Slack received - due, by tenth of the due window (earliest first):");
            for (var t = 0; t < 10; t++)
            {
                var slice = due.OrderBy(d => d.Value).Skip(due.Count * t / 10).Take(due.Count * (t + 1) / 10 - due.Count * t / 10)
                    .Where(d => reminded.ContainsKey(d.Key)).Select(d => (reminded[d.Key].Min() - d.Value) / 1000.0).ToArray();
                report.AppendLine(Line($"  tenth {t + 1}", slice));
            }
            report
                .AppendLine(CultureInfo.InvariantCulture, $"host memory: idle {idle.Mb}")
                .AppendLine(CultureInfo.InvariantCulture, $"             after creation {created.Mb}")
                .AppendLine(CultureInfo.InvariantCulture, $"             after scheduling {scheduled.Mb}")
                .AppendLine(CultureInfo.InvariantCulture, $"             after reminders {after.Mb}")
                .AppendLine(CultureInfo.InvariantCulture, $"             sampled peak RSS by phase: {sampler.Peaks}")
                .AppendLine(CultureInfo.InvariantCulture, $"host CPU: creation+scheduling {scheduled.CpuSeconds - idle.CpuSeconds:F1} s, reminder window {reminderCpu:F1} s over {reminderWall:F0} s ({100 * reminderCpu / Math.Max(reminderWall, 1) / Environment.ProcessorCount:F0}% of {Environment.ProcessorCount} cores)")
                .AppendLine(CultureInfo.InvariantCulture, $"fake Slack calls: {string.Join(", ", calls.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}; jobs still recorded as scheduled at the end {stillScheduled[0][0]}")
                .AppendLine(CultureInfo.InvariantCulture, $"target p99 (Slack received - due) < 2 s: {(missing == 0 && duplicates == 0 && deliveredSorted.Length > 0 && P(deliveredSorted, 0.99) < 2 ? "met" : "NOT met")}");
            Console.Write(report);
            var results = Harness.ResultsDirectory();
            var stamp = $"reminders-{provider}-{count}-{DateTime.UtcNow:yyyyMMddHHmmss}";
            await File.WriteAllTextAsync(Path.Combine(results, stamp + ".txt"), report.ToString());
            var csv = new StringBuilder("number,declared_ms,due_ms,job_ran_ms,slack_received_ms,slack_arrivals\n");
            foreach (var (number, _, declared) in incidents.Where(x => due.ContainsKey(x.Number)).OrderBy(x => x.Number))
            {
                csv.AppendLine(CultureInfo.InvariantCulture, $"{number},{declared},{due[number]},{(jobRan.TryGetValue(number, out var j) ? j.Min() : "")},{(reminded.TryGetValue(number, out var r) ? r.Min() : "")},{(reminded.TryGetValue(number, out var r2) ? r2.Count : 0)}");
            }
            await File.WriteAllTextAsync(Path.Combine(results, stamp + ".csv"), csv.ToString());
            return missing == 0 && duplicates == 0 && errors == 0 ? 0 : 1;
        }
    }

    /// <summary>Of an incident's reminder times: how many came less than half a cadence after the previous one, and how many later.</summary>
    private static (int Duplicates, int Next) Repeats(List<long> times, long cadenceMs)
    {
        var sorted = times.Order().ToArray();
        var duplicates = 0;
        for (var k = 1; k < sorted.Length; k++)
        {
            duplicates += sorted[k] - sorted[k - 1] < cadenceMs / 2 ? 1 : 0;
        }
        return (duplicates, Math.Max(0, sorted.Length - 1 - duplicates));
    }

    /// <summary>Nearest-rank percentile of an ascending array.</summary>
    private static double P(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[(int)Math.Clamp(Math.Ceiling(sorted.Length * p) - 1, 0, sorted.Length - 1)];

    private static string Line(string name, double[] values)
    {
        var sorted = values.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"{name,-34} {sorted.Length,6} {(sorted.Length == 0 ? double.NaN : sorted[0]),7:F2} {P(sorted, 0.5),7:F2} {P(sorted, 0.99),7:F2} {(sorted.Length == 0 ? double.NaN : sorted[^1]),7:F2}");
    }

    /// <summary>Samples the host's resident memory twice a second and keeps the peak of each phase.</summary>
    private sealed class Sampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Dictionary<string, long> _peaks = [];
        private readonly Lock _lock = new();
        private volatile string _phase = "idle";

        public Sampler(int pid) => _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var rss = ProcSample.Read(pid).RssKb;
                lock (_lock)
                {
                    _peaks[_phase] = Math.Max(_peaks.GetValueOrDefault(_phase), rss);
                }
                try
                {
                    await Task.Delay(500, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });

        public string Phase { set => _phase = value; }

        public string Peaks
        {
            get
            {
                lock (_lock)
                {
                    return string.Join(", ", _peaks.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value / 1024.0:F0} MB")));
                }
            }
        }

        public void Dispose() => _stop.Cancel();
    }
}
