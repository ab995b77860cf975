namespace DingGate.Core.Replies;

/// <summary>Kind of <see cref="MessageTarget"/>.</summary>
public enum MessageTargetKind
{
    /// <summary>A user's 1:1 chat with the bot.</summary>
    User,

    /// <summary>A group the bot is in.</summary>
    Group,
}
