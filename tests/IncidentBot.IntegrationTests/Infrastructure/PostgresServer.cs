using Npgsql;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// The PostgreSQL server the integration tests use (<c>bash .ci/run</c> starts one). Each caller gets a
/// database of its own, dropped when the returned handle is disposed. When the server cannot be
/// reached the test fails with instructions: it never skips silently.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "INCIDENTBOT_TEST_POSTGRES";
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    /// <summary>The server to use: <c>INCIDENTBOT_TEST_POSTGRES</c>, else the local default.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured ? configured : DefaultConnectionString;

    /// <summary>Creates <c>incidentbot_test_&lt;guid&gt;</c>; dispose the second item to drop it (after disposing whatever connects to it).</summary>
    public static async Task<(string ConnectionString, IAsyncDisposable Drop)> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString);
        var name = "incidentbot_test_" + Guid.NewGuid().ToString("N");
        var maintenance = new NpgsqlConnectionStringBuilder(server.ConnectionString)
        {
            Database = string.IsNullOrEmpty(server.Database) ? "postgres" : server.Database,
            Pooling = false,
            Timeout = 5,
        };
        await using (var connection = await OpenAsync(maintenance, cancellationToken))
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var database = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name };
        return (database.ConnectionString, new DropDatabase(maintenance.ConnectionString, name));
    }

    private static async Task<NpgsqlConnection> OpenAsync(NpgsqlConnectionStringBuilder builder, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable at {builder.Host}:{builder.Port} as user '{builder.Username}' ({exception.Message}). "
                + "The integration tests need it: run `bash .ci/run`, or start the local server with `pg_ctlcluster 15 main start` "
                + $"(user postgres, password postgres), or set {EnvironmentVariable} to another server's connection string.",
                exception);
        }
    }

    private sealed class DropDatabase(string maintenanceConnectionString, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var connection = new NpgsqlConnection(maintenanceConnectionString);
            await connection.OpenAsync();
            // FORCE: a connection a failed test left open must not keep the database alive.
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
