using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Sessions;

namespace DingGate.Agent.Tools;

/// <summary>
/// The turn a tool runs in: the message being answered (account, conversation, sender), its session, the reply being
/// written (a tool may add files to it) and the agent answering. Built-in tools are bound to it per turn.
/// </summary>
internal sealed record ToolTurnContext(InboundMessage Message, SessionKey Session, IReplySink Reply, string AgentName, bool SenderIsOwner);
