namespace DingGate.Cli.Storage;

/// <summary>One table of the state, as <c>storage migrate</c> copies it.</summary>
/// <param name="Name">The table name (the same on SQLite and PostgreSQL).</param>
/// <param name="SqliteOrder">
/// The ORDER BY of the SQLite read: insertion order (<c>rowid</c>) where PostgreSQL keeps it in a serial <c>seq</c>
/// column that the stores use as a tie-break, the primary key elsewhere.
/// </param>
internal sealed record StateTable(string Name, string SqliteOrder);
