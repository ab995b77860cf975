namespace DingGate.Core.Configuration;

/// <summary><c>storage.provider</c>: where the gateway keeps its state.</summary>
public enum StorageProvider
{
    /// <summary>The embedded SQLite file <c>dinggate.db</c> in the state directory (one process).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (<c>storage.connectionString</c>), shared by every replica.</summary>
    Postgres,
}
