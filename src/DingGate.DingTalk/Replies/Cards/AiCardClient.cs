using DingGate.Core.Configuration;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Replies.Cards.Models;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// The three AI-card calls of one account (spec §6.1–6.3) through the api client (token, per-app-and-API buckets, retries,
/// metering), in the limiters' priority: what finishes an open card first (streaming <c>isFinalize</c>, flowStatus
/// FINISHED/FAILED), then its other updates, then new cards (a create also yields to a streaming backlog): create-and-deliver, streaming update (full markdown each time, idempotent by guid so 5xx is retried),
/// instance update. A delivery refused per space (HTTP 200, <c>success=false</c>) is a <see cref="DingTalkApiException"/>.
/// </summary>
internal sealed class AiCardClient(DingTalkAccount account, DingTalkApiClient api)
{
    private const string StreamingPath = "/v1.0/card/streaming";

    /// <summary>Until when the account's streaming API is held shut by throttling (e.g. a per-minute limit), or null.</summary>
    public DateTimeOffset? StreamingThrottledUntil() => api.ThrottledUntil("PUT " + StreamingPath);

    public async Task<string?> CreateAndDeliverAsync(
        CardTarget target, string outTrackId, IReadOnlyDictionary<string, string> cardParams, ApiCallMeter? meter, CancellationToken cancellationToken)
    {
        var body = new CreateAndDeliverRequest
        {
            CardTemplateId = account.CardTemplateId,
            OutTrackId = outTrackId,
            CardData = new CardData(cardParams),
            OpenSpaceId = target.OpenSpaceId,
            ImGroupOpenSpaceModel = target.IsGroup ? new CardSpaceModel() : null,
            ImGroupOpenDeliverModel = target.IsGroup
                ? new CardGroupDeliverModel(account.RobotCode, target.AtUserId is { } at ? new Dictionary<string, string> { [at] = target.AtUserName ?? at } : null)
                : null,
            ImRobotOpenSpaceModel = target.IsGroup ? null : new CardSpaceModel(),
            ImRobotOpenDeliverModel = target.IsGroup ? null : new CardRobotDeliverModel(account.RobotCode),
        };
        var request = new ApiRequest(DingTalkHost.Api, HttpMethod.Post, "/v1.0/card/instances/createAndDeliver", body)
        {
            BodyType = CardJsonContext.Wire.CreateAndDeliverRequest, Meter = meter, Kind = ApiCallKinds.CardCreate,
        };
        var response = await api.SendAsync(request, CardJsonContext.Wire.CreateAndDeliverResponse, cancellationToken);
        var results = response.Result?.DeliverResults ?? [];
        if (!response.Success || results.Count == 0 || results.Any(r => !r.Success))
        {
            var why = results.FirstOrDefault(r => !r.Success)?.ErrorMsg ?? (results.Count == 0 ? "no delivery result" : "success=false");
            throw new DingTalkApiException($"DingTalk created card {outTrackId} but did not deliver it to {target.OpenSpaceId}: {why}.");
        }

        return results[0].CarrierId;
    }

    /// <summary>
    /// One streaming update. <paramref name="supersededBy"/>: for an intermediate update, completes when newer content
    /// exists; a throttle wait then ends with <see cref="ApiCallSupersededException"/> instead of sending stale text.
    /// </summary>
    public async Task StreamAsync(
        string outTrackId, string content, bool isFinalize, bool isError, ApiCallMeter? meter, CancellationToken cancellationToken, Task? supersededBy = null)
    {
        var body = new CardStreamingRequest(outTrackId, Guid.NewGuid().ToString(), account.CardTemplateKey, content, IsFull: true, isFinalize, isError);
        var request = new ApiRequest(DingTalkHost.Api, HttpMethod.Put, StreamingPath, body)
        {
            BodyType = CardJsonContext.Wire.CardStreamingRequest, Meter = meter, Kind = ApiCallKinds.CardStreaming, RetryServerErrors = true,
            SupersededBy = supersededBy, Priority = isFinalize ? ApiCallPriority.Finalize : ApiCallPriority.Streaming,
        };
        var response = await api.SendAsync(request, CardJsonContext.Wire.CardBoolResponse, cancellationToken);
        if (!response.Success)
        {
            throw new DingTalkApiException($"DingTalk did not apply the streaming update of card {outTrackId} (success=false).");
        }
    }

    public async Task UpdateAsync(string outTrackId, IReadOnlyDictionary<string, string> cardParams, ApiCallMeter? meter, CancellationToken cancellationToken)
    {
        var body = new CardInstanceUpdateRequest(outTrackId, new CardData(cardParams), new CardUpdateOptions());
        var request = new ApiRequest(DingTalkHost.Api, HttpMethod.Put, "/v1.0/card/instances", body)
        {
            BodyType = CardJsonContext.Wire.CardInstanceUpdateRequest, Meter = meter, Kind = ApiCallKinds.CardUpdate, RetryServerErrors = true,
            Priority = IsFinal(cardParams) ? ApiCallPriority.Finalize : ApiCallPriority.Streaming,
        };
        var response = await api.SendAsync(request, CardJsonContext.Wire.CardBoolResponse, cancellationToken);
        if (!response.Success)
        {
            throw new DingTalkApiException($"DingTalk did not apply the update of card {outTrackId} (success=false).");
        }
    }

    private static bool IsFinal(IReadOnlyDictionary<string, string> cardParams) =>
        cardParams.TryGetValue(CardFlowStatus.Key, out var status) && status is CardFlowStatus.Finished or CardFlowStatus.Failed;
}
