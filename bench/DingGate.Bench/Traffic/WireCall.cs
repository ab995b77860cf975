namespace DingGate.Bench.Traffic;

/// <summary>
/// A DingTalk HTTP call the emulator recorded, reduced to what ties it to a message: the session webhook, the staff id
/// of a 1:1 card space or batchSend, the card's outTrackId, the msgId an emotion refers to.
/// </summary>
internal sealed record WireCall(
    DateTimeOffset At, string Endpoint, int Status, string? ClientId, string? Session, string? StaffId, string? OutTrackId, string? MsgId, bool Throttled)
{
    /// <summary>Calls that put the answer in front of the user (the first one is "first visible reply").</summary>
    public bool IsVisibleReply => Endpoint is "POST /robot/sendBySession" or "POST /v1.0/robot/oToMessages/batchSend"
        or "POST /v1.0/robot/groupMessages/send" or "POST /v1.0/card/instances/createAndDeliver" or "POST /v1.0/card/instances/deliver";

    public bool IsToken => Endpoint is "POST /v1.0/oauth2/accessToken" or "GET /gettoken";

    /// <summary>Answered with success (2xx and, for oapi/webhook envelopes, errcode 0).</summary>
    public bool Accepted { get; init; }

    /// <summary>Whether the call carries the end of an answer (the card's finalize, or the fake model's end marker).</summary>
    public FinalKind Final { get; init; }

    /// <summary>The card's <c>cardParamMap.flowStatus</c> this call sets ("1" on a create when the template follows the flow status); null when none.</summary>
    public string? FlowStatus { get; init; }
}
