using System.Collections.Frozen;

namespace DingGate.Emulator.Faults;

/// <summary>
/// The throttle answers DingTalk documents, per fault kind: the api host's 403 <c>code</c> and message (global
/// error-code page: <c>Forbidden.AccessDenied.Qps/QpmLimit…</c>) and the oapi host's legacy errcode and errmsg
/// (frequency-limit page: 90001–90014 calls "temporarily disabled" per server, API, org, credentials or ISV suite;
/// 90018 per app and API per second). See docs/emulator.md, "Throttling codes".
/// </summary>
internal static class ThrottleEnvelopes
{
    /// <summary>Legacy throttle errcodes and their errmsg (DingTalk: branch on errcode, never on errmsg).</summary>
    public static readonly FrozenDictionary<int, string> LegacyMessages = new Dictionary<int, string>
    {
        [90001] = "您的服务器调用钉钉开放平台所有接口的请求都被暂时禁用了",
        [90002] = "您的服务器调用钉钉开放平台当前接口的所有请求都被暂时禁用了",
        [90003] = "您的企业调用钉钉开放平台所有接口的请求都被暂时禁用了,仅对企业自己的Accesstoken有效",
        [90004] = "您当前使用的CorpId及CorpSecret被暂时禁用了,仅对企业自己的Accesstoken有效",
        [90005] = "您的企业调用当前接口次数过多,请求被暂时禁用了,仅对企业自己的Accesstoken有效",
        [90006] = "您当前使用的CorpId及CorpSecret调用当前接口次数过多,请求被暂时禁用了,仅对企业自己的Accesstoken有效",
        [90007] = "您当前要调用的企业的接口次数过多,对该企业的所有请求都被暂时禁用了,仅对isv代其它企业调用的Accesstoken有效",
        [90008] = "您当前要调用的企业的当前接口次数过多,对此企业下该接口的所有请求都被暂时禁用了,仅对isv代其它企业调用的Accesstoken有效",
        [90009] = "您调用企业接口超过了限制,对所有企业的所有接口的请求都被暂时禁用了,仅对isv代其它企业调用的Accesstoken有效",
        [90010] = "您调用企业当前接口超过了限制,对所有企业的该接口的请求都被暂时禁用了,仅对isv代其它企业调用的Accesstoken有效",
        [90011] = "您的套件调用企业接口超过了限制,该套件的所有请求都被暂时禁用了,仅对isv代其它企业调用的Accesstoken有效",
        [90012] = "您的套件调用企业当前接口超过了限制,该套件对此接口的所有请求都被暂时禁用了,仅对isv代其它企业调用的Accesstoken有效",
        [90013] = "您的套件调用当前企业的接口超过了限制,该套件对此企业的所有请求都被暂时禁用了,仅对isv代其它企业调用的Accesstoken有效",
        [90014] = "您的套件调用当前企业的当前接口超过了限制,该套件对此企业该接口的所有请求都被暂时禁用了,仅对isv代其它企业调用的Accesstoken有效",
        [90018] = "当前应用调用该接口的QPS超过限制",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<FaultKind, Envelope> Envelopes = new Dictionary<FaultKind, Envelope>
    {
        [FaultKind.QpsLimit] = new("Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", "当前应用调用该接口的QPS超过限制，所有请求都被暂时禁用了", 90018),
        [FaultKind.QpsLimitForApi] = new("Forbidden.AccessDenied.QpsLimitForApi", "触发了当前开放接口的全局QPS限流", 90002),
        [FaultKind.QpmLimit] = new("Forbidden.AccessDenied.QpmLimitForAppkeyAndApi", "当前企业应用调用开放接口触发了QPM限流", 90006),
        [FaultKind.SuiteQpsLimit] = new("Forbidden.AccessDenied.QpsLimitForSuitekeyAndOrgAndApi", "ISV应用调用当前企业的开放接口触发了QPS限流", 90014),
        [FaultKind.SuiteQpmLimit] = new("Forbidden.AccessDenied.QpmLimitForSuitekeyAndOrgAndApi", "ISV应用调用当前企业的开放接口触发了QPM限流", 90014),
    }.ToFrozenDictionary();

    /// <summary>The api-host code/message and the oapi errcode of a 403 throttle kind; null for other kinds.</summary>
    public static Envelope? For(FaultKind kind) => Envelopes.TryGetValue(kind, out var envelope) ? envelope : null;

    /// <summary>A 403 throttle answer: <c>{code, message}</c> on the api host, <c>{errcode: OapiErrCode}</c> on oapi.</summary>
    internal sealed record Envelope(string ApiCode, string ApiMessage, int OapiErrCode);
}
