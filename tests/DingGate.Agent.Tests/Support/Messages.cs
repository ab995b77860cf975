using DingGate.Core.Inbound;

namespace DingGate.Agent.Tests.Support;

internal static class Messages
{
    public static InboundMessage Text(string text, IReadOnlyList<InboundAttachment>? attachments = null, ConversationKind conversation = ConversationKind.Direct) => new()
    {
        AccountId = "main",
        MessageId = "msg-1",
        ConversationId = "cid-1",
        Conversation = conversation,
        ConversationTitle = conversation == ConversationKind.Group ? "Team" : null,
        Sender = new InboundSender("sender-1", "staff-1", "张三", "corp-1", false),
        Kind = InboundContentKind.Text,
        Text = text,
        Attachments = attachments ?? [],
        CreatedAt = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero),
    };
}
