namespace DingGate.Core.Cluster;

/// <summary>The kinds of <see cref="StopSignal"/>.</summary>
public enum StopSignalKind
{
    /// <summary>A replica recorded a stop request: whoever runs a turn of the session claims it.</summary>
    Requested,

    /// <summary>A replica claimed a request and stopped its turn: the requester answers "stopped".</summary>
    Honoured,
}
