namespace DingGate.Emulator.Cards;

/// <summary>
/// One space a card was delivered to: <c>IM_GROUP</c> + openConversationId or <c>IM_ROBOT</c> + user id, the
/// <c>carrierId</c> handed back, and the conversation it shows up in.
/// </summary>
internal sealed record CardSpace(string SpaceType, string SpaceId, string CarrierId, string ConversationId, DateTimeOffset At);
