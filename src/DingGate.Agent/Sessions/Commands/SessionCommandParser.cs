using DingGate.Core.Texts;

namespace DingGate.Agent.Sessions.Commands;

// Recognises a command: the whole message (trimmed, the bot mention already stripped by the channel) is the command
// word, any case, with an ASCII or full-width slash (Chinese keyboards type "／"), in English or a Chinese alias
// (CommandNames.Aliases: /新对话, /重置, /停止, /状态, /帮助, /我是谁); the bare stop word ("停止") needs no slash.
// Text after the word makes it an ordinary message: "/help me write a cover letter" goes to the model.
internal static class SessionCommandParser
{
    public static bool TryParse(string? text, out SessionCommand command)
    {
        command = default;
        if (!CommandNames.TryRead(text, out var name, out var rest) || rest.Length > 0)
        {
            return false;
        }

        SessionCommand? found = name switch
        {
            CommandNames.New => SessionCommand.New,
            CommandNames.Reset => SessionCommand.Reset,
            CommandNames.Stop => SessionCommand.Stop,
            CommandNames.Status => SessionCommand.Status,
            CommandNames.Help => SessionCommand.Help,
            CommandNames.WhoAmI => SessionCommand.WhoAmI,
            _ => null,
        };
        command = found.GetValueOrDefault();
        return found is not null;
    }
}
