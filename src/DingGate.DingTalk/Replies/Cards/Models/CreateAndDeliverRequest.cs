using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Replies.Cards.Models;

/// <summary><c>POST /v1.0/card/instances/createAndDeliver</c> body (spec §6.1); the group or the robot models are set, not both.</summary>
internal sealed record CreateAndDeliverRequest
{
    [JsonPropertyName("cardTemplateId")]
    public required string CardTemplateId { get; init; }

    [JsonPropertyName("outTrackId")]
    public required string OutTrackId { get; init; }

    [JsonPropertyName("cardData")]
    public required CardData CardData { get; init; }

    [JsonPropertyName("callbackType")]
    public string CallbackType { get; init; } = "STREAM";

    [JsonPropertyName("openSpaceId")]
    public required string OpenSpaceId { get; init; }

    [JsonPropertyName("imGroupOpenSpaceModel")]
    public CardSpaceModel? ImGroupOpenSpaceModel { get; init; }

    [JsonPropertyName("imGroupOpenDeliverModel")]
    public CardGroupDeliverModel? ImGroupOpenDeliverModel { get; init; }

    [JsonPropertyName("imRobotOpenSpaceModel")]
    public CardSpaceModel? ImRobotOpenSpaceModel { get; init; }

    [JsonPropertyName("imRobotOpenDeliverModel")]
    public CardRobotDeliverModel? ImRobotOpenDeliverModel { get; init; }

    [JsonPropertyName("userIdType")]
    public int UserIdType { get; init; } = 1;
}
