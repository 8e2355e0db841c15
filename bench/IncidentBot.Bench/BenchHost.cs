using System.Diagnostics;

/// <summary>
/// The host under test, as both scenarios run it: a child process configured through environment
/// variables for the fake Slack, on a fresh SQLite file or a fresh PostgreSQL database, both removed
/// again when it is disposed.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly string _postgres;
    private readonly string? _database;
    private readonly DirectoryInfo _dataDir;

    private BenchHost(Process process, int port, bool isPostgres, string connectionString, string postgres, string? database, DirectoryInfo dataDir)
    {
        Process = process;
        Port = port;
        IsPostgres = isPostgres;
        ConnectionString = connectionString;
        _postgres = postgres;
        _database = database;
        _dataDir = dataDir;
    }

    public Process Process { get; }

    public int Port { get; }

    public bool IsPostgres { get; }

    /// <summary>The host's database, for reading back what it stored.</summary>
    public string ConnectionString { get; }

    public static async Task<BenchHost> StartAsync(string provider, string postgres, FakeSlack fakeSlack, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var port = Harness.FreePort();
        var dataDir = Directory.CreateTempSubdirectory("incidentbot-bench");
        var env = new Dictionary<string, string>
        {
            ["Slack__SigningSecret"] = Harness.Secret,
            ["Slack__BotToken"] = "xoxb-bench",
            ["Slack__ApiBaseUrl"] = fakeSlack.BaseUrl,
            ["Serilog__MinimumLevel__Default"] = "Warning",
            // The fake Slack has no per-channel rate limit: measure what the bot can do, not Slack's pace.
            ["Slack__PostsPerSecondPerChannel"] = "10000",
            ["Slack__PostBurstPerChannel"] = "10000",
        };
        string? database = null;
        string connectionString;
        var isPostgres = provider == "postgres";
        if (isPostgres)
        {
            database = "incidentbot_bench_" + Guid.NewGuid().ToString("N")[..8];
            await Harness.Psql(postgres, $"CREATE DATABASE {database}");
            connectionString = postgres + ";Database=" + database;
            env["Storage__Provider"] = "Postgres";
            env["ConnectionStrings__Postgres"] = connectionString;
        }
        else
        {
            connectionString = $"Data Source={Path.Combine(dataDir.FullName, "bench.db")}";
            env["ConnectionStrings__Sqlite"] = connectionString;
        }
        foreach (var (key, value) in settings)
        {
            env[key] = value;
        }
        return new BenchHost(Harness.StartHost(port, env), port, isPostgres, connectionString, postgres, database, dataDir);
    }

    public async ValueTask DisposeAsync()
    {
        Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
        if (_database is not null)
        {
            await Harness.Psql(_postgres, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        }
        _dataDir.Delete(recursive: true);
    }
}
