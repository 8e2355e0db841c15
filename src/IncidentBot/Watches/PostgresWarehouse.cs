using Npgsql;

namespace IncidentBot.Watches;

/// <summary>PostgreSQL (and what speaks its protocol) through Npgsql: a connection per run, the query with <c>Watches:QueryTimeout</c>.</summary>
public sealed class PostgresWarehouse : IWarehouseClient
{
    public const string KindName = "postgres";

    public string Kind => KindName;

    public async Task<DateTimeOffset> ReadNewestLoadAsync(string connectionString, string query, TimeSpan timeout, CancellationToken cancellationToken)
    {
        object? value;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)), Pooling = false };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(query, connection) { CommandTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)) };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new WatchQueryException("the query returned no row; it must return one row with the newest load's timestamp");
            }
            if (reader.FieldCount < 1 || await reader.IsDBNullAsync(0, cancellationToken))
            {
                throw new WatchQueryException("the query returned NULL (an empty table?); it must return the newest load's timestamp");
            }
            value = reader.GetValue(0);
        }
        catch (PostgresException e)
        {
            throw new WatchQueryException($"SQL error {e.SqlState}: {e.MessageText}", e);
        }
        catch (NpgsqlException e) when (e.InnerException is TimeoutException)
        {
            throw new WatchQueryException($"timed out after {timeout.TotalSeconds:0.#} s (Watches:QueryTimeout)", e);
        }
        catch (NpgsqlException e)
        {
            throw new WatchQueryException($"cannot reach the warehouse: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new WatchQueryException("the connection string is not valid for PostgreSQL: " + e.GetType().Name, e);
        }
        return value switch
        {
            DateTime { Kind: DateTimeKind.Utc } utc => new DateTimeOffset(utc),
            DateTime local => new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Utc)),
            DateTimeOffset at => at.ToUniversalTime(),
            DateOnly day => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            _ => throw new WatchQueryException($"the query returned a {value.GetType().Name}, not a timestamp; it must return the newest load's timestamp (e.g. SELECT max(loaded_at) ...)"),
        };
    }
}
