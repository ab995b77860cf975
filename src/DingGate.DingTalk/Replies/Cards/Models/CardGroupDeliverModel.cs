using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Replies.Cards.Models;

/// <summary><c>imGroupOpenDeliverModel</c>: the robot and who is @-mentioned (<c>{"userId":"name"}</c>).</summary>
internal sealed record CardGroupDeliverModel(
    [property: JsonPropertyName("robotCode")] string RobotCode,
    [property: JsonPropertyName("atUserIds"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? AtUserIds = null);
