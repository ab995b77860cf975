using Microsoft.Extensions.AI;

namespace DingGate.Agent.Prompting;

// Names of the markers the runner puts on the parts of a user message and on ChatOptions, so the demo model (and tests)
// can tell the user's own text from quotes, file text and notes. Content-level properties never reach the wire.
internal static class PromptParts
{
    public const string PartKey = "dinggate.part";
    public const string FileNameKey = "dinggate.fileName";
    public const string FileTypeKey = "dinggate.fileType";
    public const string BodyKey = "dinggate.body";

    public const string SenderKey = "dinggate.sender";
    public const string SessionKey = "dinggate.session";
    public const string LocaleKey = "dinggate.locale";

    public const string UserText = "text";
    public const string Quote = "quote";
    public const string Attachment = "attachment";
    public const string Note = "note";
    public const string Image = "image";

    public static TextContent Text(string kind, string text) =>
        new(text) { AdditionalProperties = new AdditionalPropertiesDictionary { [PartKey] = kind } };

    public static string? KindOf(AIContent content) =>
        content.AdditionalProperties?.TryGetValue(PartKey, out var kind) == true ? kind as string : null;

    public static string? Get(AIContent content, string key) =>
        content.AdditionalProperties?.TryGetValue(key, out var value) == true ? value as string : null;

    public static string? Get(ChatOptions? options, string key) =>
        options?.AdditionalProperties?.TryGetValue(key, out var value) == true ? value as string : null;
}
