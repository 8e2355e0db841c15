using Dapper;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// Straight access to a test bot's database, for what Slack cannot show or do: reading back a time
/// the bot stored, or moving a deadline the product does not let anyone configure (the postmortem's
/// 48 h) so that a test sees it pass. Times are stored as unix milliseconds on both providers.
/// Every use says in the test what it changes and why.
/// </summary>
public static class StoredState
{
    public static async Task<T?> ScalarAsync<T>(this TestDatabase database, string sql, object? parameters = null)
    {
        await using var storage = IncidentStorage.Create(database.Provider, database.ConnectionString);
        await using var connection = await storage.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<T>(sql, parameters);
    }

    public static async Task<int> ExecuteAsync(this TestDatabase database, string sql, object? parameters = null)
    {
        await using var storage = IncidentStorage.Create(database.Provider, database.ConnectionString);
        await using var connection = await storage.DataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(sql, parameters);
    }

    /// <summary>
    /// Asks the bot's schedule synchroniser to plan incident <paramref name="number"/> again, as every
    /// change through the bot does in its own transaction; needed after a change made here.
    /// </summary>
    public static async Task RequestSchedulePassAsync(this TestDatabase database, long number)
    {
        await using var storage = IncidentStorage.Create(database.Provider, database.ConnectionString);
        await storage.Incidents.ExecuteAsync(async uow =>
        {
            await uow.RequestScheduleAsync(number, DateTimeOffset.UtcNow);
            return 0;
        });
    }

    public static async Task<IReadOnlyList<T>> QueryAsync<T>(this TestDatabase database, string sql, object? parameters = null)
    {
        await using var storage = IncidentStorage.Create(database.Provider, database.ConnectionString);
        await using var connection = await storage.DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    /// <summary>Hangfire job ids recorded for <paramref name="reference"/>'s jobs whose name is <paramref name="kind"/> or starts with it (update-reminder, escalation/).</summary>
    public static async Task<IReadOnlyList<string>> RecordedJobIdsAsync(this TestDatabase database, string reference, string kind) =>
        (await database.QueryAsync<string>("SELECT job_id FROM scheduled_jobs WHERE job LIKE @Name AND job_id IS NOT NULL", new { Name = $"{reference}/{kind}%" })).ToList();

    public static long UnixMs(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    /// <summary>Polls <paramref name="condition"/> (a query of the stored state) every 50 ms until it holds; fails the test after 15 s.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
