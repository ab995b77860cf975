namespace DingGate.Core.Storage;

/// <summary>One message of a split answer (part i of n): its title (markdown) and text, without the group @-mention.</summary>
/// <param name="Title">Markdown title (e.g. <c>Report (1/3)</c>).</param>
/// <param name="Text">The text of this part.</param>
public sealed record OutboxPart(string Title, string Text);
