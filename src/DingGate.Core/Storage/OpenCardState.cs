namespace DingGate.Core.Storage;

/// <summary>How far an <see cref="OpenCard"/> got; decides what a restart does with it.</summary>
public enum OpenCardState
{
    /// <summary>Recorded just before the create call: DingTalk may or may not have the card.</summary>
    Creating = 0,

    /// <summary>DingTalk accepted the create; the answer streams (or was cut off by a crash).</summary>
    Created = 1,

    /// <summary>The final streaming update with the whole answer was accepted; only FINISHED ("3") may be missing.</summary>
    Delivered = 2,

    /// <summary>Like <see cref="Delivered"/>, for a failed answer: only FAILED ("5") may be missing.</summary>
    DeliveredAsFailure = 3,
}
