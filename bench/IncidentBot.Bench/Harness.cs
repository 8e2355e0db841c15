using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IncidentBot.Slack;
using Microsoft.Data.Sqlite;
using Npgsql;

/// <summary>What both scenarios share: the host as a child process, its database, signed commands.</summary>
internal static class Harness
{
    public const string Secret = "bench-signing-secret";

    public static string Arg(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    /// <summary>
    /// <c>bench/results</c> of the repository the bench was built in (found from the binary, so it
    /// does not depend on the working directory <c>dotnet run</c> chooses), created if missing.
    /// </summary>
    public static string ResultsDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IncidentBot.sln")))
        {
            dir = dir.Parent;
        }
        var results = Path.Combine(dir?.FullName ?? Directory.GetCurrentDirectory(), "bench", "results");
        Directory.CreateDirectory(results);
        return results;
    }

    public static string DefaultPostgres(string[] args) =>
        Arg(args, "--postgres", Environment.GetEnvironmentVariable("INCIDENTBOT_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres");

    /// <summary>
    /// A signed <c>/incident</c> slash command, as Slack would send it; its response_url points at
    /// <paramref name="hooksBase"/> (the fake Slack's), where the bot posts its answer.
    /// </summary>
    public static HttpRequestMessage SignedCommand(string text, int i, string hooksBase)
    {
        var responseUrl = Uri.EscapeDataString($"{hooksBase}commands/T1/{i}/x");
        var body = $"team_id=T1&channel_id=C1&user_id=U{i % 97}&command=%2Fincident&text={Uri.EscapeDataString(text).Replace("%20", "+", StringComparison.Ordinal)}&trigger_id=t{i}&response_url={responseUrl}";
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add(SlackHeaders.Timestamp, ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SlackHeaders.Signature, SlackSignature.Sign(Secret, ts, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    /// <summary>The integration token the bench's host runs with (<c>Alerts:Token</c>).</summary>
    public const string AlertsToken = "bench-alerts-token-0123456789";

    /// <summary>A generic alert delivery for problem <paramref name="problem"/> (its fingerprint), as an alert tool sends it.</summary>
    public static HttpRequestMessage Alert(int i, int problem)
    {
        var body = $$"""{"fingerprint":"bench-{{problem}}","status":"firing","title":"bench table {{problem}} not loaded ({{i}})","assets":["analytics.bench.table_{{problem}}"],"source":"bench"}""";
        var request = new HttpRequestMessage(HttpMethod.Post, "/alerts/generic") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AlertsToken);
        return request;
    }

    public static Process StartHost(int port, Dictionary<string, string> env)
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

    public static async Task WaitHealthy(HttpClient http)
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

    public static async Task Psql(string connectionString, string sql)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1]);
        var info = new ProcessStartInfo("psql", ["-h", parts.GetValueOrDefault("host", "127.0.0.1"), "-p", parts.GetValueOrDefault("port", "5432"), "-U", parts.GetValueOrDefault("username", "postgres"), "-d", "postgres", "-qc", sql]);
        info.Environment["PGPASSWORD"] = parts.GetValueOrDefault("password", "");
        using var process = Process.Start(info)!;
        await process.WaitForExitAsync();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a read-only query against the host's database (SQLite in WAL mode reads beside the host's writer).</summary>
    public static async Task<List<object[]>> Query(bool postgres, string connectionString, string sql)
    {
        await using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 60;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }
}

/// <summary>Memory and CPU time of a process, from /proc (Linux).</summary>
internal sealed record ProcSample(long RssKb, long HwmKb, double CpuSeconds, int Threads)
{
    public static ProcSample Read(int pid)
    {
        long rss = 0, hwm = 0;
        double cpu = 0;
        var threads = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kb(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kb(line);
                }
                else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    threads = (int)Kb(line);
                }
            }
            // /proc/<pid>/stat: fields after the command's closing parenthesis; utime and stime are the 12th and 13th, in clock ticks (100 Hz on Linux).
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
        }
        return new ProcSample(rss, hwm, cpu, threads);

        static long Kb(string line) => long.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    public string Mb => string.Create(CultureInfo.InvariantCulture, $"RSS {RssKb / 1024.0,4:F0} MB, peak (VmHWM) {HwmKb / 1024.0,4:F0} MB, {Threads} threads");
}

/// <summary>
/// A Slack Web API that answers every call with ok, so the host's outbox drains during the run.
/// With an observer, it reads each call's JSON body and hands it over with the time it arrived.
/// </summary>
internal sealed class FakeSlack : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _ts = 1_700_000_000_000_000;

    private FakeSlack(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First() + "/api/";

    /// <summary>Where response_urls point (the bot trusts response_urls on its Web API host); answers are observed as method "response_url".</summary>
    public string HooksBaseUrl => _app.Urls.First() + "/hooks/";

    public static async Task<FakeSlack> StartAsync(Action<string, string, DateTimeOffset>? observe = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlack(app);
        app.MapPost("/hooks/{**rest}", async (HttpRequest request) =>
        {
            if (observe is not null)
            {
                using var reader = new StreamReader(request.Body, Encoding.UTF8);
                observe("response_url", await reader.ReadToEndAsync(), DateTimeOffset.UtcNow);
            }
            return Results.Text("ok", "text/plain");
        });
        app.MapPost("/api/{method}", async (string method, HttpRequest request) =>
        {
            if (observe is not null)
            {
                using var reader = new StreamReader(request.Body, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                observe(method, body, DateTimeOffset.UtcNow);
            }
            var ts = Interlocked.Increment(ref fake._ts);
            var text = string.Create(CultureInfo.InvariantCulture, $"{ts / 1_000_000}.{ts % 1_000_000:D6}");
            return Results.Text($$"""{"ok":true,"channel":"C0BENCH","ts":"{{text}}"}""", "application/json");
        });
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
