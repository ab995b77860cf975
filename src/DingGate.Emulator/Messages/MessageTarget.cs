using DingGate.Emulator.Fixtures;

namespace DingGate.Emulator.Messages;

/// <summary>Who sends where: the bot's app, the human sender and the conversation (group null for a 1:1 chat).</summary>
internal sealed record MessageTarget(EmulatedApp App, OrgUser User, string ConversationId, OrgGroup? Group)
{
    public bool IsGroup => Group is not null;

    public string ConversationType => IsGroup ? "2" : "1";
}
