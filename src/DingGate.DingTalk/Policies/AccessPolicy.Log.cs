using DingGate.Core.Inbound;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Policies;

internal sealed partial class AccessPolicy
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Message {MessageId} on account {AccountId} ({Conversation}) from user {UserId} not passed to the agent: {Decision} ({Reason})")]
    private partial void LogNotAllowed(string accountId, string messageId, ConversationKind conversation, string userId, string decision, string reason);
}
