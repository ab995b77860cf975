using DingGate.Core.Configuration;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Replies.Cards.Models;

namespace DingGate.DingTalk.Policies.Owners;

/// <summary>
/// Sends the pairing-request card: ONE <c>createAndDeliver</c> call (spec §6.1) with every owner's 1:1 chat in
/// <c>openSpaceId</c> (<c>dtv1.card//IM_ROBOT.a;IM_ROBOT.b</c>), <c>callbackType: STREAM</c> so the buttons come back
/// over the Stream connection. One card instance for all owners: one later update of its public data changes it for
/// every owner. Returns the owners whose space DingTalk did not deliver to; a card that already exists (a resend after a
/// crash, <c>param.cardAlreadyExist</c>) counts as delivered.
/// </summary>
internal sealed class OwnerCardClient(DingTalkApiClient api)
{
    public const string AlreadyExists = "param.cardAlreadyExist";

    public async Task<IReadOnlyList<string>> CreateAndDeliverAsync(
        DingTalkAccount account, string templateId, string outTrackId, IReadOnlyList<string> owners, IReadOnlyDictionary<string, string> cardParams,
        CancellationToken cancellationToken)
    {
        var body = new CreateAndDeliverRequest
        {
            CardTemplateId = templateId,
            OutTrackId = outTrackId,
            CardData = new CardData(cardParams),
            OpenSpaceId = "dtv1.card//" + string.Join(';', owners.Select(o => "IM_ROBOT." + o)),
            ImRobotOpenSpaceModel = new CardSpaceModel(),
            ImRobotOpenDeliverModel = new CardRobotDeliverModel(account.RobotCode),
        };
        var request = new ApiRequest(DingTalkHost.Api, HttpMethod.Post, "/v1.0/card/instances/createAndDeliver", body)
        {
            BodyType = CardJsonContext.Wire.CreateAndDeliverRequest, Kind = ApiCallKinds.CardCreate,
        };
        CreateAndDeliverResponse response;
        try
        {
            response = await api.SendAsync(request, CardJsonContext.Wire.CreateAndDeliverResponse, cancellationToken);
        }
        catch (DingTalkApiException ex) when (ex.Code == AlreadyExists)
        {
            return [];
        }

        var results = response.Result?.DeliverResults ?? [];
        if (!response.Success || results.Count == 0)
        {
            throw new DingTalkApiException($"DingTalk did not deliver the pairing card {outTrackId} (success={response.Success}, {results.Count} results).");
        }

        var delivered = results.Where(r => r.Success).Select(r => r.SpaceId).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. owners.Where(o => !delivered.Contains(o))];
    }
}
