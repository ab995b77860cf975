using System.Collections.Concurrent;

namespace DingGate.Emulator.Cards;

/// <summary>
/// Template id → template. Preloaded with the AI card template DingGate uses by default and a generic test template;
/// more are added through <c>POST /_emulator/cards/templates</c>.
/// </summary>
internal sealed class CardTemplateRegistry
{
    public const string DefaultAiCardTemplateId = "382e4302-551d-4880-bf29-a30acfab2e71.schema";
    public const string TestTemplateId = "00000000-aaaa-bbbb-cccc-000000000001.schema";

    private readonly ConcurrentDictionary<string, CardTemplate> _templates = new(StringComparer.Ordinal);

    public CardTemplateRegistry()
    {
        Add(DefaultAiCardTemplateId, "msgContent", ["msgContent", "flowStatus", "config"]);
        Add(TestTemplateId, "content", ["content", "flowStatus", "config"]);
    }

    public IReadOnlyCollection<CardTemplate> All => _templates.Values.OrderBy(t => t.TemplateId, StringComparer.Ordinal).ToList();

    /// <summary>Adds or replaces a template; the streaming key is always one of its variables.</summary>
    public CardTemplate Add(string templateId, string? streamingKey, IEnumerable<string> variables)
    {
        var set = new HashSet<string>(variables, StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(streamingKey))
        {
            set.Add(streamingKey);
        }

        var template = new CardTemplate(templateId, string.IsNullOrEmpty(streamingKey) ? null : streamingKey, set);
        _templates[templateId] = template;
        return template;
    }

    public CardTemplate? Find(string? templateId) =>
        templateId is not null && _templates.TryGetValue(templateId, out var t) ? t : null;
}
