namespace DingGate.DingTalk.Inbound;

/// <summary>The texts the model reads in place of content it cannot see (pictures, voice without recognition…).</summary>
internal static class InboundPlaceholders
{
    public const string Image = "[image]";
    public const string Voice = "[voice message]";
    public const string Video = "[video]";
    public const string Card = "[card]";
    public const string ChatRecord = "[chat record]";
    public const string Unsupported = "[unsupported message]";
    public const string QuotaExhausted = "[DingTalk paused message delivery: the organisation's bot usage quota is exhausted]";

    public static string File(string? name) => $"[file: {(string.IsNullOrWhiteSpace(name) ? "unnamed" : name)}]";

    public static string UnsupportedType(string msgType) => $"[unsupported message type: {msgType}]";

    public static string PlatformError(string code) => $"[DingTalk error {code}]";
}
