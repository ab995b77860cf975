using System.Text.Json.Nodes;
using DingGate.Emulator.Fixtures;

namespace DingGate.Emulator.Messages;

/// <summary>
/// A generated bot-message callback: the payload (the <c>data</c> of the CALLBACK frame), its ids and whether it
/// should be pushed at all (<see cref="Deliver"/> is false for group messages that do not @ the bot).
/// </summary>
internal sealed record InjectedMessage(
    EmulatedApp App,
    string MsgId,
    string ConversationId,
    string ConversationType,
    string SessionWebhook,
    JsonObject Payload,
    bool Deliver,
    string? Reason);
