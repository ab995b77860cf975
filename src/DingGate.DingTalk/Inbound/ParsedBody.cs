using DingGate.Core.Inbound;

namespace DingGate.DingTalk.Inbound;

/// <summary>The readable part of one message body: kind, text, files and users @-mentioned inside rich text.</summary>
internal sealed record ParsedBody(
    InboundContentKind Kind, string Text, IReadOnlyList<InboundAttachment> Attachments, IReadOnlyList<string> MentionedUserIds)
{
    public static ParsedBody OfText(InboundContentKind kind, string text) => new(kind, text, [], []);
}
