using DingGate.Core.Configuration;
using DingGate.Core.Storage;
using DingGate.DingTalk.Replies.Media;
using DingGate.DingTalk.Replies.Sending;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>The per-account parts every card reply of the account uses (built once by <see cref="CardReplies"/>).</summary>
internal sealed record CardReplyParts(
    DingTalkAccount Account,
    AiCardClient Cards,
    ConversationReplier Replier,
    ReplyAttachmentSender Attachments,
    IOpenCardStore Store,
    ActiveCardRegistry Registry,
    CardModeGate Gate,
    TimeProvider Time);
