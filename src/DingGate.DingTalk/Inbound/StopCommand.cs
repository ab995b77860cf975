using DingGate.Core.Inbound;
using DingGate.Core.Texts;

namespace DingGate.DingTalk.Inbound;

// Whether a message is the stop command (/stop, its aliases, the bare stop word; nothing after it, no files), as the
// agent's command parser reads it. Replicas: a stop must not wait behind its conversation's earlier turns, which are
// what it stops.
internal static class StopCommand
{
    public static bool Is(InboundMessage message) =>
        message.Attachments.Count == 0 && CommandNames.TryRead(message.Text, out var name, out var rest) && name == CommandNames.Stop && rest.Length == 0;
}
