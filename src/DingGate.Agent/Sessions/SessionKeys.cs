using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Sessions;

namespace DingGate.Agent.Sessions;

// The session a message belongs to, from the configuration in force at each message: a group's
// channels.dingtalk.groups.<cid>.sessionScope (shared | per-member), else session.scope.
internal sealed class SessionKeys(LiveConfig live)
{
    public SessionKey For(InboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var config = live.Current;
        return SessionKey.For(message, ScopeOf(config, message));
    }

    public static SessionScope ScopeOf(DinggateConfig config, InboundMessage message)
    {
        var group = message.Conversation == ConversationKind.Group
            ? SessionScopes.ParseGroup(DingTalkGroups.For(config, message.AccountId, message.ConversationId))
            : null;
        return group ?? SessionScopes.Parse(config.Session.Scope) ?? SessionScope.PerPeer;
    }
}
