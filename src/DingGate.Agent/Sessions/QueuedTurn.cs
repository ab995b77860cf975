using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Sessions;

namespace DingGate.Agent.Sessions;

// One message waiting for (or having) its turn in a session, with the sink its answer goes to. Whoever holds it
// owns the sink: the queue completes and disposes it when the turn ends or is refused.
internal sealed record QueuedTurn(SessionKey Key, InboundMessage Message, IReplySink Reply);
