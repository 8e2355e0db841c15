namespace IncidentBot.Configuration;

/// <summary>The <c>Storage</c> section plus <c>ConnectionStrings:Sqlite</c> / <c>ConnectionStrings:Postgres</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string DefaultSqlite = "Data Source=data/incidentbot.db";

    /// <summary><c>Sqlite</c> (default, embedded, a file under <c>data/</c>) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = "Sqlite";
}
