using System.Globalization;
using System.Text;
using DingGate.Agent.Prompting;
using Microsoft.Extensions.AI;

namespace DingGate.Agent.Demo;

// Writes the demo model's answer: a labelled markdown echo of what the model was given.
internal static class DemoReplyComposer
{
    public const string Label = "🤖 演示模型（离线） / Demo model (offline)";
    private const int ExcerptLines = 5;
    private const int ExcerptLineLength = 120;

    public static string Compose(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var last = messages.LastOrDefault(m => m.Role == ChatRole.User);
        var history = messages.Count(m => m.Role != ChatRole.System) - (last is null ? 0 : 1);
        var contents = last?.Contents ?? [];
        var userText = string.Join("\n", contents.OfType<TextContent>().Where(c => PromptParts.KindOf(c) is null or PromptParts.UserText).Select(c => c.Text));
        var quote = contents.OfType<TextContent>().FirstOrDefault(c => PromptParts.KindOf(c) == PromptParts.Quote);
        var files = contents.OfType<TextContent>().Where(c => PromptParts.KindOf(c) == PromptParts.Attachment).ToList();
        var images = contents.OfType<DataContent>().Count(c => c.HasTopLevelMediaType("image"))
            + contents.Count(c => PromptParts.KindOf(c) == PromptParts.Image);

        var sb = new StringBuilder();
        sb.Append("### ").AppendLine(Label).AppendLine();
        sb.AppendLine("这是离线演示回复，没有调用任何大模型。/ This is an offline demo reply: no AI model was called.").AppendLine();
        sb.AppendLine("**收到的消息 / You said:**").AppendLine();
        foreach (var line in (userText.Length == 0 ? "(空 / empty)" : userText).Split('\n'))
        {
            sb.Append("> ").AppendLine(line.TrimEnd('\r'));
        }

        sb.AppendLine();
        sb.Append(CultureInfo.InvariantCulture, $"- **发送者 / Sender:** {PromptParts.Get(options, PromptParts.SenderKey) ?? "?"}").AppendLine();
        sb.Append(CultureInfo.InvariantCulture, $"- **会话 / Session:** `{PromptParts.Get(options, PromptParts.SessionKey) ?? "?"}`").AppendLine();
        sb.Append(CultureInfo.InvariantCulture, $"- **历史消息 / History:** {history}").AppendLine();
        sb.Append(CultureInfo.InvariantCulture, $"- **图片 / Images:** {images}").AppendLine();
        if (quote is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"- **引用 / Quote:** {FirstLine(PromptParts.Get(quote, PromptParts.BodyKey) ?? quote.Text)}").AppendLine();
        }

        sb.Append(CultureInfo.InvariantCulture, $"- **附件 / Attachments:** {files.Count}").AppendLine();
        foreach (var file in files)
        {
            AppendFile(sb, file);
        }

        sb.AppendLine().AppendLine("在 `models.default` 中配置模型即可获得真正的回答。/ Configure `models.default` to get real answers.");
        return sb.ToString();
    }

    private static void AppendFile(StringBuilder sb, TextContent file)
    {
        sb.Append(CultureInfo.InvariantCulture, $"  - `{PromptParts.Get(file, PromptParts.FileNameKey)}` ({PromptParts.Get(file, PromptParts.FileTypeKey)})").AppendLine();
        var body = PromptParts.Get(file, PromptParts.BodyKey) ?? file.Text;
        var lines = body.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Take(ExcerptLines)
            .Select(l => l.Length > ExcerptLineLength ? l[..ExcerptLineLength] + "…" : l).ToList();
        sb.AppendLine().AppendLine("```text");
        foreach (var line in lines.Count == 0 ? ["(无文本 / no text)"] : lines)
        {
            sb.AppendLine(line.Replace("```", "'''", StringComparison.Ordinal));
        }

        sb.AppendLine("```");
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n')[0].TrimEnd('\r');
        return line.Length > ExcerptLineLength ? line[..ExcerptLineLength] + "…" : line;
    }
}
