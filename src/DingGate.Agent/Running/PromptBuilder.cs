using DingGate.Agent.Attachments;
using DingGate.Agent.Prompting;
using DingGate.Agent.Tools;
using DingGate.Core.Inbound;
using DingGate.Core.Sessions;
using Microsoft.Extensions.AI;

namespace DingGate.Agent.Running;

// System prompt, the newest history within the agent's budget, then the user's message: sender (groups), quote, text,
// file text blocks, images (as image content when the model takes images, else a note).
internal sealed class PromptBuilder(AttachmentTextExtractor extractor, ExtractionLimits limits)
{
    public const int DefaultMaxHistoryMessages = 40;
    public const int DefaultMaxHistoryChars = 24_000;

    public async Task<Prompt> BuildAsync(AgentRequest request, ResolvedAgent agent, CancellationToken cancellationToken)
    {
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, agent.SystemPrompt),
        };
        messages.AddRange(History(request.History, agent));
        var parts = await UserPartsAsync(request.Message, agent, cancellationToken);
        messages.Add(new ChatMessage(ChatRole.User, parts));
        var userText = string.Join("\n\n", parts.Select(HistoryText).Where(t => t.Length > 0));
        return new Prompt(messages, userText);
    }

    // The newest turns within the agent's budget (tool steps count like messages), starting with a user message, tool
    // calls and results paired (a provider refuses a result without its call and a call without its result), each run
    // of calls one assistant message and each run of results one tool message.
    private static List<ChatMessage> History(IReadOnlyList<SessionTurn> history, ResolvedAgent agent)
    {
        var maxMessages = agent.Agent.MaxHistoryMessages ?? DefaultMaxHistoryMessages;
        var maxChars = agent.Agent.MaxHistoryChars ?? DefaultMaxHistoryChars;
        var kept = new List<SessionTurn>();
        var chars = 0;
        for (var i = history.Count - 1; i >= 0 && kept.Count < maxMessages; i--)
        {
            var turn = history[i];
            chars += turn.Text.Length;
            if (chars > maxChars)
            {
                break;
            }

            kept.Add(turn);
        }

        kept.Reverse();
        var start = kept.FindIndex(t => t.Role == SessionTurn.User);
        var window = start < 0 ? [] : kept.GetRange(start, kept.Count - start);
        return Messages(HistorySteps.Paired(window));
    }

    private static List<ChatMessage> Messages(IReadOnlyList<SessionTurn> turns)
    {
        var messages = new List<ChatMessage>();
        foreach (var turn in turns)
        {
            switch (turn.Role)
            {
                case SessionTurn.ToolCall when ToolHistory.Call(turn.Text) is { } call:
                    Append(messages, ChatRole.Assistant, call);
                    break;
                case SessionTurn.ToolResult when ToolHistory.Result(turn.Text) is { } result:
                    Append(messages, ChatRole.Tool, result);
                    break;
                case SessionTurn.Assistant:
                    messages.Add(new ChatMessage(ChatRole.Assistant, turn.Text));
                    break;
                case SessionTurn.User:
                    messages.Add(new ChatMessage(ChatRole.User, turn.Text));
                    break;
            }
        }

        return messages;
    }

    // Calls of one round go into one assistant message, their results into one tool message.
    private static void Append(List<ChatMessage> messages, ChatRole role, AIContent content)
    {
        var last = messages.Count > 0 ? messages[^1] : null;
        if (last is not null && last.Role == role && last.Contents.All(c => c is FunctionCallContent or FunctionResultContent))
        {
            last.Contents.Add(content);
            return;
        }

        messages.Add(new ChatMessage(role, [content]));
    }

    private async Task<List<AIContent>> UserPartsAsync(InboundMessage message, ResolvedAgent agent, CancellationToken cancellationToken)
    {
        var parts = new List<AIContent>();
        if (message.Conversation == ConversationKind.Group)
        {
            parts.Add(PromptParts.Text(PromptParts.Note, $"[群聊 / group \"{message.ConversationTitle}\"，发送者 / from: {message.Sender.Nick}]"));
        }

        if (message.Quote is { } quote)
        {
            var who = quote.FromBot ? "你之前的回答 / your earlier answer" : "一条消息 / a message";
            var part = PromptParts.Text(PromptParts.Quote, $"[引用{who}]\n> {quote.Text.Replace("\n", "\n> ", StringComparison.Ordinal)}");
            part.AdditionalProperties![PromptParts.BodyKey] = quote.Text;
            parts.Add(part);
        }

        // A quoted picture or file (downloaded by the channel like the message's own) reaches the model like a fresh
        // attachment, introduced as quoted, right after the quote's text. The files of both are extracted in one call,
        // so the per-message text budget (attachments.maxTotalChars) covers them together.
        var quoted = message.Quote?.Attachments ?? [];
        var quotedFiles = quoted.Where(a => !IsImage(a)).ToList();
        var ownFiles = message.Attachments.Where(a => !IsImage(a)).ToList();
        var extracted = await extractor.ExtractAllAsync(quotedFiles.Concat(ownFiles), cancellationToken);
        AddFiles(parts, extracted.Take(quotedFiles.Count), "引用的 / quoted ");
        await AddImagesAsync(parts, quoted.Where(IsImage), agent, "引用的 / quoted ", cancellationToken);

        parts.Add(PromptParts.Text(PromptParts.UserText, message.Text));
        AddFiles(parts, extracted.Skip(quotedFiles.Count), string.Empty);
        await AddImagesAsync(parts, message.Attachments.Where(IsImage), agent, string.Empty, cancellationToken);
        return parts;
    }

    private static void AddFiles(List<AIContent> parts, IEnumerable<ExtractedAttachment> files, string label)
    {
        foreach (var file in files)
        {
            var part = PromptParts.Text(PromptParts.Attachment, $"[{label}文件 / {label}file: {file.FileName} ({file.FileType})]\n{file.Text}");
            part.AdditionalProperties![PromptParts.FileNameKey] = file.FileName;
            part.AdditionalProperties[PromptParts.FileTypeKey] = file.FileType;
            part.AdditionalProperties[PromptParts.BodyKey] = file.Text;
            parts.Add(part);
        }
    }

    private async Task AddImagesAsync(
        List<AIContent> parts, IEnumerable<InboundAttachment> images, ResolvedAgent agent, string label, CancellationToken cancellationToken)
    {
        foreach (var image in images)
        {
            if (label.Length > 0)
            {
                parts.Add(PromptParts.Text(PromptParts.Note, $"[{label}图片 / {label}image: {image.FileName ?? "image"}]"));
            }

            parts.Add(await ImagePartAsync(image, agent.SupportsImages, cancellationToken));
        }
    }

    private async Task<AIContent> ImagePartAsync(InboundAttachment image, bool supportsImages, CancellationToken cancellationToken)
    {
        var name = image.FileName ?? (image.LocalPath is null ? "image" : Path.GetFileName(image.LocalPath));
        var reason = !supportsImages ? "当前模型不支持图片 / this model does not take images"
            : image.LocalPath is null || !File.Exists(image.LocalPath) ? "图片未下载 / image not downloaded"
            : new FileInfo(image.LocalPath).Length > limits.MaxFileBytes ? "图片过大 / image too large"
            : null;
        if (reason is not null)
        {
            return PromptParts.Text(PromptParts.Image, $"[图片 / image: {name}（{reason}）]");
        }

        var bytes = await File.ReadAllBytesAsync(image.LocalPath!, cancellationToken);
        return new DataContent(bytes, MediaType(image)) { Name = name };
    }

    private static string HistoryText(AIContent content) => content switch
    {
        TextContent text => text.Text,
        DataContent data => $"[图片 / image: {data.Name}]",
        _ => string.Empty,
    };

    private static bool IsImage(InboundAttachment attachment) =>
        attachment.Kind == InboundContentKind.Picture
        || attachment.ContentType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true;

    private static string MediaType(InboundAttachment image)
    {
        if (image.ContentType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true)
        {
            return image.ContentType.Split(';')[0].Trim();
        }

        return Path.GetExtension(image.FileName ?? image.LocalPath ?? string.Empty).ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" => "image/jpeg",
            ".gif" => "image/gif",
            ".webp" => "image/webp",
            ".bmp" => "image/bmp",
            _ => "image/png",
        };
    }
}
