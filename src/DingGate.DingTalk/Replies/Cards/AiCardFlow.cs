using DingGate.Core.Configuration;
using DingGate.DingTalk.Api;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// The calls of one card after its create, in the order the official clients make them: with
/// <see cref="DingTalkAccount.UsesCardFlowStatus"/>, one <c>PUT /v1.0/card/instances</c> to INPUTING ("2") before the
/// first streaming update, streaming updates, and the end (<see cref="EndAsync"/>, FINISHED "3" or FAILED "5" with the
/// whole answer). Without it (a streaming-driven template) only the streaming calls. Every call goes through the
/// account's api client (token, its QPS bucket, retries). Not thread-safe: one caller at a time (the sink's task).
/// </summary>
internal sealed class AiCardFlow(DingTalkAccount account, AiCardClient cards, string outTrackId, ApiCallMeter? meter)
{
    private bool _inputing;

    public string OutTrackId => outTrackId;

    public bool UsesFlowStatus => account.UsesCardFlowStatus;

    /// <summary>A streaming update (full content); the first one is preceded by the INPUTING update.</summary>
    /// <remarks>
    /// A throttled intermediate update gives up its wait when <paramref name="supersededBy"/> completes (newer text or the
    /// end arrived) with <see cref="ApiCallSupersededException"/>; the INPUTING update is never dropped that way.
    /// </remarks>
    public async Task StreamAsync(string content, bool isFinalize, bool isError, CancellationToken cancellationToken, Task? supersededBy = null)
    {
        if (UsesFlowStatus && !_inputing)
        {
            await cards.UpdateAsync(outTrackId, CardVariables.Inputing(account, content), meter, cancellationToken);
            _inputing = true;
        }

        await cards.StreamAsync(outTrackId, content, isFinalize, isError, meter, cancellationToken, supersededBy);
    }

    /// <summary>FINISHED ("3") or, when <paramref name="failed"/>, FAILED ("5") with <paramref name="content"/>; nothing without flowStatus.</summary>
    public async Task EndAsync(string content, bool failed, CancellationToken cancellationToken)
    {
        if (!UsesFlowStatus)
        {
            return;
        }

        var status = failed ? CardFlowStatus.Failed : CardFlowStatus.Finished;
        await cards.UpdateAsync(outTrackId, CardVariables.Final(account, status, content), meter, cancellationToken);
    }

    /// <summary>
    /// The card is given up (the answer follows as a message): FAILED with <paramref name="content"/> through
    /// flowStatus, or a streaming <c>isError</c> update for a streaming-driven template.
    /// </summary>
    public Task FailAsync(string content, CancellationToken cancellationToken) =>
        UsesFlowStatus
            ? cards.UpdateAsync(outTrackId, CardVariables.Final(account, CardFlowStatus.Failed, content), meter, cancellationToken)
            : cards.StreamAsync(outTrackId, content, isFinalize: false, isError: true, meter, cancellationToken);
}
