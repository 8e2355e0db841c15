namespace IncidentBot.Watches;

/// <summary>
/// Runs a watch's query on one kind of warehouse. The query returns one row with one timestamp (the
/// newest load); anything else is a <see cref="WatchQueryException"/> with a message a person can act
/// on, never the connection string. Another warehouse plugs in as another implementation with its own
/// <see cref="Kind"/>, registered beside <see cref="PostgresWarehouse"/> (see the README).
/// </summary>
public interface IWarehouseClient
{
    /// <summary>What <c>Watches:n:Warehouse</c> says to use this client (<c>postgres</c>).</summary>
    string Kind { get; }

    /// <summary>The newest load, as UTC. Throws <see cref="WatchQueryException"/> when the query fails or returns no timestamp; honours <paramref name="cancellationToken"/> (the query timeout).</summary>
    Task<DateTimeOffset> ReadNewestLoadAsync(string connectionString, string query, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>A watch's query failed: nothing is known about the data. The message is safe to log and show (no secrets).</summary>
public sealed class WatchQueryException(string message, Exception? inner = null) : Exception(message, inner);
