using System.Collections.Concurrent;

namespace DingGate.Emulator.Cards;

/// <summary>
/// Template id → template. Preloaded with DingTalk's built-in AI card (driven by <c>flowStatus</c>, see
/// <see cref="CardLifecycle.FlowStatus"/>) and a generic user-created AI card template (driven by streaming); more are
/// added through <c>POST /_emulator/cards/templates</c> (streaming-driven unless <c>lifecycle</c> says otherwise).
/// </summary>
internal sealed class CardTemplateRegistry
{
    public const string DefaultAiCardTemplateId = "382e4302-551d-4880-bf29-a30acfab2e71.schema";
    public const string TestTemplateId = "00000000-aaaa-bbbb-cccc-000000000001.schema";

    // The variables SDK-py (AIMarkdownCardInstance) and DingTalk's connector set on the built-in template.
    private static readonly string[] BuiltInVariables =
        ["msgContent", "flowStatus", "config", "staticMsgContent", "sys_full_json_obj", "msgTitle", "msgButtons", "msgImages", "msgTextList", "logo"];

    // A user-built AI card with a stop button, as the OpenClaw plugin's own templates declare them (soimy PR #444, #448).
    private static readonly string[] TestVariables = ["content", "flowStatus", "config", "stop_action", "hasAction"];

    private readonly ConcurrentDictionary<string, CardTemplate> _templates = new(StringComparer.Ordinal);

    public CardTemplateRegistry()
    {
        Add(DefaultAiCardTemplateId, "msgContent", BuiltInVariables, CardLifecycle.FlowStatus);
        Add(TestTemplateId, "content", TestVariables);
    }

    public IReadOnlyCollection<CardTemplate> All => _templates.Values.OrderBy(t => t.TemplateId, StringComparer.Ordinal).ToList();

    /// <summary>Adds or replaces a template; the streaming key is always one of its variables.</summary>
    public CardTemplate Add(string templateId, string? streamingKey, IEnumerable<string> variables, CardLifecycle lifecycle = CardLifecycle.Streaming)
    {
        var set = new HashSet<string>(variables, StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(streamingKey))
        {
            set.Add(streamingKey);
        }

        var template = new CardTemplate(templateId, string.IsNullOrEmpty(streamingKey) ? null : streamingKey, set, lifecycle);
        _templates[templateId] = template;
        return template;
    }

    public CardTemplate? Find(string? templateId) =>
        templateId is not null && _templates.TryGetValue(templateId, out var t) ? t : null;
}
