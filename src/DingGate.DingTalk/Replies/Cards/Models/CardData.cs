using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Replies.Cards.Models;

/// <summary><c>cardData</c>: public template variables; values are strings (spec §6.1).</summary>
internal sealed record CardData([property: JsonPropertyName("cardParamMap")] IReadOnlyDictionary<string, string> CardParamMap);
