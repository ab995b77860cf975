using DingGate.Core.Configuration;
using DingGate.Core.Storage;
using DingGate.Core.Texts;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Replies.Sending;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Inbound;

/// <summary>
/// Gives up messages whose handling started <see cref="DingTalkAccount.MaxMessageAttempts"/> times and never finished
/// (the process died each time: an attachment that exhausts memory, a crash in the model client…), so a restart is not
/// a crash loop. The journal's <c>attempts</c> counts the starts (each Processing mark). At the limit the entry is marked
/// once more (detail "giving up: …"), the sender gets <see cref="ReplyTexts.GivenUp"/> (parsed without
/// downloading media), and the entry ends failed with the reason. The apology is sent at most once: when the process
/// dies during it, the next start finds that mark and ends the entry without sending it again.
/// </summary>
internal sealed partial class PoisonMessages(
    DingTalkAccount account, InboundPreparer preparer, ConversationReplier replier, IInboundJournal journal, InboundMetrics metrics,
    ILogger<PoisonMessages> logger, LiveAccount? live = null)
{
    // The detail of the extra Processing mark written before the apology: finding it on resume means a start died
    // while apologising.
    private const string GivingUp = "giving up: ";

    /// <summary>Whether a resumed entry has used up its attempts (it must not be handled again).</summary>
    public bool IsPoison(InboundJournalEntry entry) => entry.Attempts >= account.MaxMessageAttempts;

    public async Task GiveUpAsync(InboundJournalEntry entry, CancellationToken cancellationToken)
    {
        var reason = $"given up after {account.MaxMessageAttempts} attempt(s): the gateway stopped while handling it each time";
        LogGivingUp(account.Id, entry.MessageKey, entry.Attempts);
        metrics.GivenUp(account.Id);
        if (entry.Detail?.StartsWith(GivingUp, StringComparison.Ordinal) == true)
        {
            // A previous start was already giving up and stopped during the apology: it may have been delivered.
            await journal.MarkAsync(account.Id, entry.MessageKey, InboundState.Failed, reason + "; the apology may not have been delivered (the gateway stopped while sending it)", cancellationToken);
            return;
        }

        await journal.MarkAsync(account.Id, entry.MessageKey, InboundState.Processing, GivingUp + reason, cancellationToken);
        var outcome = await ApologizeAsync(entry, cancellationToken);
        await journal.MarkAsync(account.Id, entry.MessageKey, InboundState.Failed, $"{reason}; {outcome}", CancellationToken.None);
    }

    private async Task<string> ApologizeAsync(InboundJournalEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Topic != Stream.Frames.StreamHeaders.BotMessageTopic
            || preparer.Parse(entry.Payload, entry.MessageKey) is not ParseResult.Ok { Message: var message })
        {
            return "no conversation to apologise in";
        }

        try
        {
            await replier.SendAsync(message, ReplyTexts.GivenUp.For((live?.Current ?? account).Locale), new ApiCallMeter(), cancellationToken);
            return "the sender was told";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogApologyFailed(account.Id, ex);
            return "the apology could not be delivered: " + ex.Message;
        }
    }

    [LoggerMessage(EventId = 1214, Level = LogLevel.Warning, Message = "Account {AccountId}: giving up message {MessageKey} after {Attempts} unfinished attempt(s) (a poison message); the sender is told")]
    private partial void LogGivingUp(string accountId, string messageKey, int attempts);

    [LoggerMessage(EventId = 1215, Level = LogLevel.Warning, Message = "Account {AccountId}: the apology for a given-up message could not be delivered")]
    private partial void LogApologyFailed(string accountId, Exception exception);
}
