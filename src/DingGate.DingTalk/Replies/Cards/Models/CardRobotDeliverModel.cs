using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Replies.Cards.Models;

/// <summary><c>imRobotOpenDeliverModel</c> for a 1:1 chat with the bot.</summary>
internal sealed record CardRobotDeliverModel(
    [property: JsonPropertyName("robotCode")] string RobotCode,
    [property: JsonPropertyName("spaceType")] string SpaceType = "IM_ROBOT");
