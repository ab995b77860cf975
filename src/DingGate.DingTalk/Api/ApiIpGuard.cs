namespace DingGate.DingTalk.Api;

/// <summary>
/// One per process, shared by every account's <see cref="DingTalkApiClient"/>: DingTalk refuses a source IP that makes
/// more than 10 000 calls (all APIs, all apps, session webhooks included) in 20 s and bans it for 5 minutes ("调用频率限制":
/// 每个IP调用所有接口总量,最高20秒10000次,触发限流会禁止调用5分钟). The guard keeps the gateway at
/// <c>callsPer20Seconds</c> (setting <c>channels.dingtalk.ipRateLimit</c>, default 9 000: a 10 % margin) in any
/// sliding 20 s, counted when each call goes on the wire.
/// </summary>
internal sealed class ApiIpGuard(int callsPer20Seconds, TimeProvider time)
{
    /// <summary>DingTalk's limit per IP and 20 s.</summary>
    public const int DingTalkLimit = 10_000;

    /// <summary>The default: DingTalk's limit less 10 %.</summary>
    public const int DefaultLimit = 9_000;

    /// <summary>DingTalk's window of the per-IP limit.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(20);

    /// <summary>The limiter every client waits on after its own bucket.</summary>
    public ApiRateLimiter Limiter { get; } = new(callsPer20Seconds, Window, time);
}
