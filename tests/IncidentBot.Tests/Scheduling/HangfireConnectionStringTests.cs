using IncidentBot.Scheduling;
using Npgsql;

namespace IncidentBot.Tests.Scheduling;

/// <summary>Hangfire's PostgreSQL connections: never in a TransactionScope; commits without the WAL flush unless asked.</summary>
public sealed class HangfireConnectionStringTests
{
    private const string Bot = "Host=db;Database=incidentbot;Username=bot;Password=secret";

    [Fact]
    public void ByDefault_HangfireCommitsWithoutWaitingForTheFlush_AndNeverEnlists()
    {
        var built = new NpgsqlConnectionStringBuilder(JobStores.HangfireConnectionString(Bot, new SchedulingOptions()));

        Assert.Equal("-c synchronous_commit=off", built.Options);
        Assert.False(built.Enlist);
        Assert.Equal("secret", built.Password);
    }

    [Fact]
    public void WithSynchronousCommit_OrOptionsOfItsOwn_TheConnectionStringKeepsThem()
    {
        var durable = new NpgsqlConnectionStringBuilder(JobStores.HangfireConnectionString(Bot, new SchedulingOptions { SynchronousCommit = true }));
        var own = new NpgsqlConnectionStringBuilder(JobStores.HangfireConnectionString(Bot + ";Options=-c statement_timeout=5000", new SchedulingOptions()));

        Assert.True(string.IsNullOrEmpty(durable.Options));
        Assert.False(durable.Enlist);
        Assert.Equal("-c statement_timeout=5000", own.Options);
    }
}
