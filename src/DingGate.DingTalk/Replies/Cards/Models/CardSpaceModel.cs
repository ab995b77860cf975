using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Replies.Cards.Models;

/// <summary><c>imGroupOpenSpaceModel</c> / <c>imRobotOpenSpaceModel</c> (spec §6.1).</summary>
internal sealed record CardSpaceModel([property: JsonPropertyName("supportForward")] bool SupportForward = true);
