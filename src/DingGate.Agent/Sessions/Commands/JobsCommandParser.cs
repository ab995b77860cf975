namespace DingGate.Agent.Sessions.Commands;

// Recognises /jobs (or /任务) alone, and "/jobs remove <id>" (also rm, delete, 删除), any case, ASCII or full-width
// slash. Anything else after the word makes it an ordinary message for the model.
internal static class JobsCommandParser
{
    private static readonly string[] Words = ["jobs", "任务", "定时任务"];

    private static readonly string[] RemoveWords = ["remove", "rm", "delete", "删除"];

    public static bool TryParse(string? text, out JobsCommand command)
    {
        command = new JobsCommand(false, null);
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length < 2 || trimmed[0] is not ('/' or '／'))
        {
            return false;
        }

        var parts = trimmed[1..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !Words.Contains(parts[0], StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        if (parts.Length == 1)
        {
            return true;
        }

        if (!RemoveWords.Contains(parts[1], StringComparer.OrdinalIgnoreCase) || parts.Length > 3)
        {
            return false;
        }

        command = new JobsCommand(true, parts.Length == 3 ? parts[2] : null);
        return true;
    }
}
