namespace DingGate.Emulator.Faults;

/// <summary>What an injected route fault does.</summary>
internal enum FaultKind
{
    /// <summary>Answer with <see cref="RouteFault.Status"/> (e.g. 500, 502, 503) and the host's error envelope.</summary>
    Status,

    /// <summary>403 <c>Forbidden.AccessDenied.QpsLimitForAppkeyAndApi</c> (oapi: errcode 90018).</summary>
    QpsLimit,

    /// <summary>429 <c>system.busy</c> "request too frequest".</summary>
    SystemBusy,

    /// <summary>Monthly quota exhausted: <c>Forbidden.AccessDenied.ApiCountLimitForOrg</c> (oapi: errcode 90020).</summary>
    ApiCountLimit,

    /// <summary>Delay the call by <see cref="RouteFault.Delay"/>, then serve it normally.</summary>
    Latency,

    /// <summary>Abort the connection without an answer.</summary>
    Reset,
}
