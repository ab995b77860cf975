using System.Collections.Frozen;

namespace DingGate.Agent.Sessions.Commands;

// Recognises a command: the whole message (trimmed, the bot mention already stripped by the channel) is the command
// word, any case, with an ASCII or full-width slash (Chinese keyboards type "／"). Text after the word makes it an
// ordinary message: "/help me write a cover letter" goes to the model.
internal static class SessionCommandParser
{
    private static readonly FrozenDictionary<string, SessionCommand> Words = new Dictionary<string, SessionCommand>(StringComparer.OrdinalIgnoreCase)
    {
        ["new"] = SessionCommand.New,
        ["新对话"] = SessionCommand.New,
        ["reset"] = SessionCommand.Reset,
        ["重置"] = SessionCommand.Reset,
        ["stop"] = SessionCommand.Stop,
        ["停止"] = SessionCommand.Stop,
        ["status"] = SessionCommand.Status,
        ["状态"] = SessionCommand.Status,
        ["help"] = SessionCommand.Help,
        ["帮助"] = SessionCommand.Help,
        ["whoami"] = SessionCommand.WhoAmI,
        ["我是谁"] = SessionCommand.WhoAmI,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static bool TryParse(string? text, out SessionCommand command)
    {
        command = default;
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length < 2 || trimmed[0] is not ('/' or '／'))
        {
            return false;
        }

        return Words.TryGetValue(trimmed[1..].ToString(), out command);
    }
}
