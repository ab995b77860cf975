using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Gateway.Replicas;

internal sealed partial class ReplicaHeartbeat
{
    [LoggerMessage(EventId = 6501, Level = LogLevel.Warning,
        Message = "Replica {ReplicaId}: the heartbeat row could not be written; other replicas and 'gateway status' may not list this one until it is")]
    private static partial void LogBeatFailed(ILogger logger, string replicaId, Exception exception);

    [LoggerMessage(EventId = 6502, Level = LogLevel.Information, Message = "Replica {ReplicaId}: the heartbeat row is written again")]
    private static partial void LogBeatRecovered(ILogger logger, string replicaId);

    [LoggerMessage(EventId = 6505, Level = LogLevel.Error,
        Message = "Replica {ReplicaId}: another live process writes this replica id's heartbeat row (two gateways with the same gateway.replicaId); this one stops taking over work. Give every replica its own gateway.replicaId and restart it")]
    private static partial void LogDuplicateId(ILogger logger, string replicaId);

    [LoggerMessage(EventId = 6503, Level = LogLevel.Warning,
        Message = "Replica {ReplicaId}: its heartbeat row could not be removed at stop; it disappears from the status when its lease runs out")]
    private static partial void LogRemoveFailed(ILogger logger, string replicaId, Exception exception);
}
