namespace DingGate.Core.Storage;

/// <summary>
/// What <c>doctor</c> learns from the state database without changing it: where it is (never the password), the schema
/// version it has and the one this build migrates to, and how many replicas have a live heartbeat row in it.
/// </summary>
public sealed record StateDatabaseInfo(string Location, int SchemaVersion, int BuildSchemaVersion, int LiveReplicas);
