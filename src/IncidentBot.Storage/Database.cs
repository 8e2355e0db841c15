using System.Data.Common;
using IncidentBot.Storage.Dialects;

namespace IncidentBot.Storage;

/// <summary>One database: where connections come from, its dialect, and how a transaction is run (and re-run).</summary>
internal sealed class Database(DbDataSource dataSource, SqlDialect dialect, SemaphoreSlim? writeGate = null)
{
    /// <summary>A transaction the database aborted (deadlock, serialisation failure, busy file) is run again up to this many times.</summary>
    public const int MaxRetries = 3;

    /// <summary>
    /// SQLite: this process's writers (see <see cref="SqliteWriteGates"/>) queue here,
    /// asynchronously and in order, instead of colliding in the file. PostgreSQL needs no gate: rows
    /// are locked where they are changed.
    /// </summary>
    private readonly SemaphoreSlim? _writeGate = writeGate;

    public DbDataSource DataSource => dataSource;

    public SqlDialect Dialect => dialect;

    public ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// Opens a connection, begins a write transaction, runs <paramref name="work"/> and commits; any
    /// exception rolls back. When the database aborts the transaction for a transient reason the whole
    /// of <paramref name="work"/> runs again on a fresh transaction, so it must read everything it
    /// decides on inside the transaction.
    /// </summary>
    public Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        GatedAsync(() => RunTransactionAsync(work, cancellationToken), cancellationToken);

    /// <summary>
    /// One write statement on its own (autocommit: a single round trip, no BEGIN/COMMIT), re-run when
    /// the database refused it for a transient reason.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, Task<T>> statement, CancellationToken cancellationToken) =>
        GatedAsync(() => RunStatementAsync(statement, cancellationToken), cancellationToken);

    private async Task<T> GatedAsync<T>(Func<Task<T>> run, CancellationToken cancellationToken)
    {
        if (_writeGate is null)
        {
            return await run();
        }
        await SqliteWriteGates.WaitAsync(_writeGate, cancellationToken);
        try
        {
            return await run();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<T> RunTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            await using (var connection = await OpenAsync(cancellationToken))
            {
                DbTransaction? transaction = null;
                try
                {
                    transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
                    var result = await work(connection, transaction);
                    await transaction.CommitAsync(cancellationToken);
                    return result;
                }
                catch (Exception exception) when (retry < MaxRetries && dialect.IsTransient(exception))
                {
                    await RollBackQuietlyAsync(transaction);
                }
                catch
                {
                    await RollBackQuietlyAsync(transaction);
                    throw;
                }
                finally
                {
                    if (transaction is not null)
                    {
                        await transaction.DisposeAsync();
                    }
                }
            }
            await PauseAsync(retry, cancellationToken);
        }
    }

    private async Task<T> RunStatementAsync<T>(Func<DbConnection, Task<T>> statement, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            try
            {
                await using var connection = await OpenAsync(cancellationToken);
                return await statement(connection);
            }
            catch (Exception exception) when (retry < MaxRetries && dialect.IsTransient(exception))
            {
            }
            await PauseAsync(retry, cancellationToken);
        }
    }

    /// <summary>A short, growing, jittered pause so that the transactions which collided do not collide again.</summary>
    private static Task PauseAsync(int retry, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50) * (retry + 1)), cancellationToken);

    /// <summary>The original exception matters more than a failed rollback (the connection is discarded anyway).</summary>
    private static async Task RollBackQuietlyAsync(DbTransaction? transaction)
    {
        if (transaction?.Connection is null)
        {
            return;
        }
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (DbException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }
}
