namespace IncidentBot.Storage;

/// <summary>The databases IncidentBot can keep its state in; both behave the same.</summary>
public enum StorageProvider
{
    /// <summary>One file next to the bot; for a single instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server; several bot instances may share it.</summary>
    Postgres,
}
