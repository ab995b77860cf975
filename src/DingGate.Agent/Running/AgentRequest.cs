using DingGate.Core.Inbound;
using DingGate.Core.Sessions;

namespace DingGate.Agent.Running;

/// <summary>One turn: the message to answer and the session history before it (oldest first).</summary>
internal sealed record AgentRequest(InboundMessage Message, IReadOnlyList<SessionTurn> History);
