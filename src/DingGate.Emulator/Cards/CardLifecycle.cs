namespace DingGate.Emulator.Cards;

/// <summary>
/// What moves a card template's displayed state (its loading spinner, 完成, 失败).
/// </summary>
internal enum CardLifecycle
{
    /// <summary>
    /// The <c>flowStatus</c> variable alone, set at create and by <c>PUT /v1.0/card/instances</c>: DingTalk's built-in
    /// AI card <c>382e4302…</c>. Streaming (even <c>isFinalize</c>/<c>isError</c>) changes the content, never the state,
    /// so a card that is never set to flowStatus "3" or "5" keeps spinning. Source: SDK-py <c>AIMarkdownCardInstance</c>
    /// and DingTalk's own connector drive this template with flowStatus 1 → 2 → 3/5.
    /// </summary>
    FlowStatus,

    /// <summary>
    /// Streaming: the first update shows INPUTING, <c>isFinalize</c> FINISHED, <c>isError</c> FAILED (templates created
    /// in the card platform with the "AI 卡片" scenario, KB <c>ai-card-template.md</c>). A changed <c>flowStatus</c>
    /// variable moves the state too.
    /// </summary>
    Streaming,
}
