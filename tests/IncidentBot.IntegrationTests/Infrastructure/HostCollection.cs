namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// The end-to-end bot tests run one at a time per database: they measure answer times ("within 1 s")
/// and wait for Retry-After, and on a two-core machine a crowd of bots starting side by side would
/// measure each other. The SQLite and the PostgreSQL suite run alongside each other, which halves
/// the wall time and still leaves each timing well inside its budget.
/// </summary>
public static class HostCollection
{
    public const string Sqlite = "Host on SQLite";
    public const string Postgres = "Host on PostgreSQL";
}

[CollectionDefinition(HostCollection.Sqlite)]
public sealed class SqliteHostCollection;

[CollectionDefinition(HostCollection.Postgres)]
public sealed class PostgresHostCollection;
