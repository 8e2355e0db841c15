using System.Collections.Concurrent;
using IncidentBot.Domain.Ports;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>Several outbox workers (separate processes, so separate connection pools) draining one outbox.</summary>
public abstract class ConcurrentClaimTests(StorageProvider provider) : StorageTestBase(provider)
{
    [Fact]
    public async Task FourWorkersClaimingTwoHundredMessagesAtOnce_NeverGetTheSameMessage()
    {
        await Incidents.ExecuteAsync(async uow =>
        {
            for (var i = 0; i < 200; i++)
            {
                await uow.EnqueueAsync(new OutboxMessage { Kind = OutboxKind.PostEphemeral, Channel = "C1", User = "U1", Text = $"m{i}" }, T0);
            }
            return 0;
        });
        var workers = Enumerable.Range(1, 4).Select(_ => Database.Open().Outbox).ToList();
        var claims = new ConcurrentBag<(string Worker, long Id)>();

        await Task.WhenAll(workers.Select((outbox, w) => Task.Run(async () =>
        {
            var worker = $"worker-{w}";
            // A worker stops after two empty claims in a row; bounded so a bug cannot spin forever.
            for (int round = 0, empty = 0; round < 200 && empty < 2; round++)
            {
                var batch = await outbox.ClaimDueAsync(worker, T0, TimeSpan.FromMinutes(5), 7);
                empty = batch.Count == 0 ? empty + 1 : 0;
                foreach (var record in batch)
                {
                    claims.Add((worker, record.Id));
                }
            }
        })));

        var duplicates = claims.GroupBy(c => c.Id).Where(g => g.Count() > 1).OrderBy(g => g.Key).Select(g => $"{g.Key} by {string.Join(", ", g.Select(c => c.Worker))}").ToList();
        Assert.True(duplicates.Count == 0, $"{duplicates.Count} messages were claimed more than once, e.g. " + string.Join("; ", duplicates.Take(5)));
        Assert.Equal(200, claims.Count);
        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE leased_by IS NULL"));
    }
}

public sealed class ConcurrentClaimTestsOnSqlite() : ConcurrentClaimTests(StorageProvider.Sqlite);

public sealed class ConcurrentClaimTestsOnPostgres() : ConcurrentClaimTests(StorageProvider.Postgres);
