namespace DingGate.Core.Inbound;

/// <summary>Where a message was said: a 1:1 chat with the bot or a group.</summary>
public enum ConversationKind
{
    /// <summary>1:1 chat with the bot (DingTalk conversationType "1").</summary>
    Direct,

    /// <summary>Group chat (DingTalk conversationType "2").</summary>
    Group,
}
