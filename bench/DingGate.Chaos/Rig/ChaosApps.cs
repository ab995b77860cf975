namespace DingGate.Chaos.Rig;

/// <summary>The two DingTalk apps of a run: one answers in markdown, one in AI cards; each is one gateway account.</summary>
internal static class ChaosApps
{
    public const string MarkdownClientId = "dingchaosmarkdown";
    public const string MarkdownSecret = "chaos-markdown-secret";
    public const string CardClientId = "dingchaoscard";
    public const string CardSecret = "chaos-card-secret";

    public static IReadOnlyList<string> ClientIds => [MarkdownClientId, CardClientId];
}
