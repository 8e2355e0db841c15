using Npgsql;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// A scratch PostgreSQL database standing in for the data warehouse a watch reads: a table
/// <c>analytics.loads(loaded_at)</c> with one load at creation, and a function <c>analytics.probe()</c>
/// that logs every call (so a test can count how often a watch really queried).
/// </summary>
public sealed class Warehouse : IAsyncDisposable
{
    public const string Query = "SELECT max(loaded_at) FROM analytics.loads";
    public const string ProbeQuery = "SELECT analytics.probe()";

    private readonly IAsyncDisposable _drop;

    private Warehouse(string connectionString, IAsyncDisposable drop)
    {
        ConnectionString = connectionString;
        _drop = drop;
    }

    public string ConnectionString { get; }

    public static async Task<Warehouse> CreateAsync()
    {
        var (connectionString, drop) = await PostgresServer.CreateDatabaseAsync();
        var warehouse = new Warehouse(connectionString, drop);
        await warehouse.ExecuteAsync("""
            CREATE SCHEMA analytics;
            CREATE TABLE analytics.loads (loaded_at timestamptz NOT NULL);
            INSERT INTO analytics.loads VALUES (now());
            CREATE TABLE analytics.probes (at timestamptz NOT NULL);
            CREATE FUNCTION analytics.probe() RETURNS timestamptz LANGUAGE sql VOLATILE AS $$
                INSERT INTO analytics.probes VALUES (clock_timestamp());
                SELECT now();
            $$;
            """);
        return warehouse;
    }

    /// <summary>A new load, now (the database's clock, which is this machine's).</summary>
    public Task LoadAsync() => ExecuteAsync("INSERT INTO analytics.loads VALUES (now())");

    public Task DropTableAsync() => ExecuteAsync("DROP TABLE analytics.loads");

    /// <summary>When <c>analytics.probe()</c> was called, in order.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> ProbesAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT at FROM analytics.probes ORDER BY at", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var probes = new List<DateTimeOffset>();
        while (await reader.ReadAsync())
        {
            probes.Add(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero));
        }
        return probes;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Watch <paramref name="index"/> over this warehouse (<c>ConnectionStrings:Warehouse</c>).</summary>
    public Dictionary<string, string?> Watch(Dictionary<string, string?> settings, string name, TimeSpan maxAge, TimeSpan every, string query = Query, int index = 0)
    {
        settings["ConnectionStrings:Warehouse"] = ConnectionString;
        settings[$"Watches:{index}:Name"] = name;
        settings[$"Watches:{index}:Connection"] = "Warehouse";
        settings[$"Watches:{index}:Query"] = query;
        settings[$"Watches:{index}:MaxAge"] = maxAge.ToString("c");
        settings[$"Watches:{index}:Every"] = every.ToString("c");
        settings[$"Watches:{index}:Severity"] = "P1";
        settings[$"Watches:{index}:Assets:0"] = "analytics.loads";
        return settings;
    }

    public ValueTask DisposeAsync() => _drop.DisposeAsync();
}
