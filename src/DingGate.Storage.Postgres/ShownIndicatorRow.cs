namespace DingGate.Storage.Postgres;

// One shown_indicators row as Dapper reads it (columns aliased to these names).
internal sealed class ShownIndicatorRow
{
    public string AccountId { get; init; } = string.Empty;

    public string MessageKey { get; init; } = string.Empty;

    public string ConversationId { get; init; } = string.Empty;

    public string MessageId { get; init; } = string.Empty;

    public string EmotionName { get; init; } = string.Empty;

    public string EmotionId { get; init; } = string.Empty;

    public string BackgroundId { get; init; } = string.Empty;

    public long ShownAt { get; init; }
}
