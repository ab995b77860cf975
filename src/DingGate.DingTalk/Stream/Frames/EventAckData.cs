namespace DingGate.DingTalk.Stream.Frames;

// data of an EVENT ACK (spec §1.5.3): SUCCESS = consumed, LATER = redeliver.
internal sealed class EventAckData
{
    public string Status { get; set; } = "SUCCESS";

    public string? Message { get; set; }
}
