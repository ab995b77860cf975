namespace DingGate.Core.Configuration;

/// <summary>What a binding's <c>peer</c> names.</summary>
public enum BindingPeerKind
{
    /// <summary>A group (<c>group:&lt;openConversationId&gt;</c>; OpenClaw kind <c>group</c>).</summary>
    Group,

    /// <summary>A user's 1:1 chats with the bot (<c>user:&lt;staffId&gt;</c>; OpenClaw kind <c>direct</c> or <c>dm</c>).</summary>
    User,
}
