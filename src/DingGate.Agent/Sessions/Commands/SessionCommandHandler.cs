using System.Globalization;
using System.Text;
using DingGate.Agent.Running;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Sessions;
using DingGate.Core.Texts;

namespace DingGate.Agent.Sessions.Commands;

// Answers a command at once, beside the queue: /stop must reach a session whose turn is running, and /status must
// see it. /new clears the stored history; a turn already running still stores its exchange when it finishes.
// Replies are in the account's locale (texts: SessionCommandTexts). Clustered (RemoteStops registered), a /stop for a
// session with no turn running here asks the other replicas, and answers "stopped" when one of them stopped its turn.
internal sealed class SessionCommandHandler(ISessionStore store, SessionQueue queue, IAgentRunner agent, AccountLocales locales, Cluster.RemoteStops? remote = null)
{
    public async Task HandleAsync(SessionCommand command, SessionKey key, InboundMessage message, IReplySink reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(reply);
        await using (reply)
        {
            var text = await AnswerAsync(command, key, message, locales.For(message.AccountId), cancellationToken);
            await reply.WriteAsync(new ReplyTextDelta(text), cancellationToken);
            await reply.CompleteAsync(ReplyEnd.Finished, null, cancellationToken);
        }
    }

    private async Task<string> AnswerAsync(SessionCommand command, SessionKey key, InboundMessage message, BotLocale locale, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case SessionCommand.New:
            case SessionCommand.Reset:
                await store.ClearAsync(key, cancellationToken);
                return SessionCommandTexts.Cleared.For(locale);
            case SessionCommand.Stop:
                var stopped = queue.StopRunning(key) || (remote is not null && await remote.RequestAsync(key, cancellationToken));
                return (stopped ? SessionCommandTexts.Stopped : SessionCommandTexts.NothingRunning).For(locale);
            case SessionCommand.Status:
                var stats = await store.GetStatsAsync(key, cancellationToken);
                return Status(agent.Describe(message), key, stats, queue.GetState(key), locale);
            case SessionCommand.WhoAmI:
                return WhoAmI(message, locale);
            default:
                return SessionCommandTexts.Help(locale);
        }
    }

    private static string Status(AgentInfo agent, SessionKey key, SessionStats stats, SessionQueueState queue, BotLocale locale)
    {
        var text = new StringBuilder()
            .AppendLine(SessionCommandTexts.StatusTitle.For(locale))
            .AppendLine()
            .AppendLine(SessionCommandTexts.StatusAgent.Format(locale, agent.AgentName))
            .AppendLine(SessionCommandTexts.StatusModel.Format(locale, $"{agent.Provider}/{agent.Model}"))
            .AppendLine(SessionCommandTexts.StatusSession.Format(locale, key))
            .AppendLine(SessionCommandTexts.StatusMessages.Format(locale, stats.Messages))
            .AppendLine(SessionCommandTexts.StatusTokens.Format(locale, stats.InputTokens, stats.OutputTokens))
            .Append(SessionCommandTexts.StatusQueue.Format(
                locale, (queue.Running ? SessionCommandTexts.StatusRunning : SessionCommandTexts.StatusIdle).For(locale), queue.Pending));
        if (stats.StartedAt is { } started)
        {
            text.AppendLine().Append(SessionCommandTexts.StatusStarted.Format(locale, started.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)));
        }

        return text.ToString();
    }

    private static string WhoAmI(InboundMessage message, BotLocale locale)
    {
        var type = message.Conversation == ConversationKind.Group ? SessionCommandTexts.WhoAmIGroup : SessionCommandTexts.WhoAmIDirect;
        return new StringBuilder()
            .AppendLine(SessionCommandTexts.WhoAmITitle.For(locale))
            .AppendLine()
            .AppendLine(SessionCommandTexts.WhoAmIStaffId.Format(locale, message.Sender.StaffId ?? SessionCommandTexts.WhoAmINoStaffId.For(locale)))
            .AppendLine(SessionCommandTexts.WhoAmISenderId.Format(locale, message.Sender.Id))
            .AppendLine(SessionCommandTexts.WhoAmIConversationId.Format(locale, message.ConversationId))
            .AppendLine(SessionCommandTexts.WhoAmIConversationType.Format(locale, type.For(locale)))
            .Append(SessionCommandTexts.WhoAmIAccount.Format(locale, message.AccountId))
            .ToString();
    }
}
