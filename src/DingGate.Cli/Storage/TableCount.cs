namespace DingGate.Cli.Storage;

/// <summary>How many rows of <paramref name="Table"/> were copied.</summary>
internal sealed record TableCount(string Table, long Rows);
