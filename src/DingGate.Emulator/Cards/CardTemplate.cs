namespace DingGate.Emulator.Cards;

/// <summary>
/// A card template as the card platform knows it: its variables, the variable bound to the streaming Markdown
/// component (spec §6) and what drives its displayed state (<see cref="Lifecycle"/>). Streaming updates of
/// <see cref="StreamingKey"/> must be full (<c>isFull=true</c>).
/// </summary>
internal sealed record CardTemplate(string TemplateId, string? StreamingKey, IReadOnlySet<string> Variables, CardLifecycle Lifecycle = CardLifecycle.Streaming)
{
    public bool HasVariable(string key) => Variables.Contains(key) || string.Equals(key, StreamingKey, StringComparison.Ordinal);
}
