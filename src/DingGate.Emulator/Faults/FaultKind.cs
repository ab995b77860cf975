namespace DingGate.Emulator.Faults;

/// <summary>What an injected route fault does. Throttle kinds answer with <see cref="ThrottleEnvelopes"/>.</summary>
internal enum FaultKind
{
    /// <summary>Answer with <see cref="RouteFault.Status"/> (e.g. 500, 502, 503) and the host's error envelope.</summary>
    Status,

    /// <summary>403 <c>Forbidden.AccessDenied.QpsLimitForAppkeyAndApi</c> (oapi: errcode 90018): per app and API, per second.</summary>
    QpsLimit,

    /// <summary>403 <c>Forbidden.AccessDenied.QpsLimitForApi</c> (oapi: errcode 90002): the API's global limit.</summary>
    QpsLimitForApi,

    /// <summary>403 <c>Forbidden.AccessDenied.QpmLimitForAppkeyAndApi</c> (oapi: errcode 90006): per app and API, per minute.</summary>
    QpmLimit,

    /// <summary>403 <c>Forbidden.AccessDenied.QpsLimitForSuitekeyAndOrgAndApi</c> (oapi: errcode 90014): ISV suite, per second.</summary>
    SuiteQpsLimit,

    /// <summary>403 <c>Forbidden.AccessDenied.QpmLimitForSuitekeyAndOrgAndApi</c> (oapi: errcode 90014): ISV suite, per minute.</summary>
    SuiteQpmLimit,

    /// <summary>oapi only: a legacy throttle errcode (<see cref="RouteFault.ErrCode"/>: 90001–90014 or 90018) with its errmsg.</summary>
    LegacyThrottle,

    /// <summary>429 <c>system.busy</c> "request too frequest".</summary>
    SystemBusy,

    /// <summary>Monthly quota exhausted: <c>Forbidden.AccessDenied.ApiCountLimitForOrg</c> (oapi: errcode 90020).</summary>
    ApiCountLimit,

    /// <summary>Delay the call by <see cref="RouteFault.Delay"/>, then serve it normally.</summary>
    Latency,

    /// <summary>Abort the connection without an answer.</summary>
    Reset,
}
