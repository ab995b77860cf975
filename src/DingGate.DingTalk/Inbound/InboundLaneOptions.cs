namespace DingGate.DingTalk.Inbound;

/// <summary>
/// Bounds of the per-conversation inbound work of one account (<see cref="ConversationLanes{T}"/>): how many messages
/// (parse, policy, media download, hand-over) run at once across conversations, and how many are taken from the stream
/// but not finished. Messages of one conversation always run one at a time, in arrival order.
/// </summary>
internal sealed class InboundLaneOptions
{
    /// <summary>Messages handled at once across different conversations (a slow download holds one).</summary>
    public int MaxParallel { get; set; } = 8;

    /// <summary>Messages taken from the delivery channel and not finished yet; more wait in the channel (back-pressure).</summary>
    public int MaxBuffered { get; set; } = 256;
}
