using System.Globalization;
using System.Text;
using DingGate.Agent.Prompting;
using DingGate.Core.Texts;
using Microsoft.Extensions.AI;

namespace DingGate.Agent.Demo;

// Writes the demo model's answer: a labelled markdown echo of what the model was given, in the locale the runner put
// on the options (PromptParts.LocaleKey; the default without it). Texts: DemoTexts.
internal static class DemoReplyComposer
{    private const int ExcerptLines = 5;
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

        var locale = BotLocales.TryParse(PromptParts.Get(options, PromptParts.LocaleKey), out var asked) ? asked.Value : BotLocales.Default;
        var sb = new StringBuilder();
        sb.Append("### ").AppendLine(DemoTexts.Label.For(locale)).AppendLine();
        sb.AppendLine(DemoTexts.Intro.For(locale)).AppendLine();
        sb.AppendLine(DemoTexts.YouSaid.For(locale)).AppendLine();
        foreach (var line in (userText.Length == 0 ? DemoTexts.Empty.For(locale) : userText).Split('\n'))
        {
            sb.Append("> ").AppendLine(line.TrimEnd('\r'));
        }

        sb.AppendLine();
        sb.AppendLine(DemoTexts.Sender.Format(locale, PromptParts.Get(options, PromptParts.SenderKey) ?? "?"));
        sb.AppendLine(DemoTexts.Session.Format(locale, PromptParts.Get(options, PromptParts.SessionKey) ?? "?"));
        sb.AppendLine(DemoTexts.History.Format(locale, history));
        sb.AppendLine(DemoTexts.Images.Format(locale, images));
        if (quote is not null)
        {
            sb.AppendLine(DemoTexts.Quote.Format(locale, FirstLine(PromptParts.Get(quote, PromptParts.BodyKey) ?? quote.Text)));
        }

        sb.AppendLine(DemoTexts.Attachments.Format(locale, files.Count));
        foreach (var file in files)
        {
            AppendFile(sb, file, locale);
        }

        sb.AppendLine().AppendLine(DemoTexts.Configure.For(locale));
        return sb.ToString();
    }

    private static void AppendFile(StringBuilder sb, TextContent file, BotLocale locale)
    {
        sb.Append(CultureInfo.InvariantCulture, $"  - `{PromptParts.Get(file, PromptParts.FileNameKey)}` ({PromptParts.Get(file, PromptParts.FileTypeKey)})").AppendLine();
        var body = PromptParts.Get(file, PromptParts.BodyKey) ?? file.Text;
        var lines = body.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Take(ExcerptLines)
            .Select(l => l.Length > ExcerptLineLength ? l[..ExcerptLineLength] + "…" : l).ToList();
        sb.AppendLine().AppendLine("```text");
        foreach (var line in lines.Count == 0 ? [DemoTexts.NoText.For(locale)] : lines)
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
