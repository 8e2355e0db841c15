using Dapper;
using IncidentBot.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>Straight SQL against a test bot's database, for what no endpoint shows (Quartz's own tables, say).</summary>
public static class DatabaseQueries
{
    public static async Task<T?> ScalarAsync<T>(this TestDatabase database, string sql, object? parameters = null)
    {
        await using var connection = Open(database);
        return await connection.ExecuteScalarAsync<T>(sql, parameters);
    }

    public static async Task<int> ExecuteAsync(this TestDatabase database, string sql, object? parameters = null)
    {
        await using var connection = Open(database);
        return await connection.ExecuteAsync(sql, parameters);
    }

    /// <summary>Quartz jobs of <paramref name="reference"/> whose name is <paramref name="kind"/> or starts with it (update-reminder, escalation/).</summary>
    public static Task<long> QuartzJobsAsync(this TestDatabase database, string reference, string kind) =>
        database.ScalarAsync<long>("SELECT COUNT(*) FROM qrtz_job_details WHERE job_name LIKE @Name", new { Name = $"{reference}/{kind}%" });

    private static System.Data.Common.DbConnection Open(TestDatabase database) =>
        database.Provider == StorageProvider.Postgres
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(database.ConnectionString + ";Default Timeout=30");
}
