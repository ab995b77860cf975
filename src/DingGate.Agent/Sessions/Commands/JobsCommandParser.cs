using DingGate.Core.Texts;

namespace DingGate.Agent.Sessions.Commands;

// Recognises /jobs (or its aliases /任务, /定时任务) alone, and "/jobs remove <id>" (also rm, delete, 删除), any case,
// ASCII or full-width slash. Anything else after the word makes it an ordinary message for the model.
internal static class JobsCommandParser
{
    private static readonly string[] RemoveWords = ["remove", "rm", "delete", "删除"];

    public static bool TryParse(string? text, out JobsCommand command)
    {
        command = new JobsCommand(false, null);
        if (!CommandNames.TryRead(text, out var name, out var rest) || name != CommandNames.Jobs)
        {
            return false;
        }

        var parts = rest.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return true;
        }

        if (!RemoveWords.Contains(parts[0], StringComparer.OrdinalIgnoreCase) || parts.Length > 2)
        {
            return false;
        }

        command = new JobsCommand(true, parts.Length == 2 ? parts[1] : null);
        return true;
    }
}
