using DingGate.Agent.Running;
using DingGate.Core.Replies;
using DingGate.Core.Sessions;
using DingGate.Core.Texts;
using Microsoft.Extensions.Logging;

namespace DingGate.Agent.Sessions;

// One agent turn: load the history, stream the answer, complete the reply, store the exchange (the user's message, the
// tool calls and results on the way, the answer: one transaction).
// A failed model call completes Failed with a short note and stores nothing. A stopped turn (/stop or the card's stop
// button) completes Stopped and stores nothing either: the runner returns no answer for a cancelled call, and a
// half answer in the history would make the model continue a thought the user chose to drop.
// A turn cancelled by the shutdown deadline completes Interrupted (the channel answers it again after the restart).
internal sealed partial class AgentTurnRunner(
    ISessionStore store, IAgentRunner agent, IHistoryBudgetProvider budgets, TimeProvider timeProvider, ILogger<AgentTurnRunner> logger,
    AccountLocales? locales = null, bool historyFirst = false)
    : ISessionTurnRunner
{
    public async Task RunAsync(QueuedTurn turn, CancellationToken stopToken, CancellationToken shutdownToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var (key, message, reply) = turn;
        // A provider may surface a cancelled call as its own exception type: any failure after a stop counts as the stop.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopToken, reply.StopRequested, shutdownToken);
        if (historyFirst && !string.IsNullOrEmpty(message.MessageId) && await StoredAnswerAsync(key, message, linked.Token) is { } stored)
        {
            // Replicas: the replica that ran this turn stored its exchange and died before completing the reply, and the
            // journal gave the message to this one. The user gets that answer; the model is not asked again (it would
            // see its own question twice in the history, and the history would hold the exchange twice).
            LogStoredAnswer(logger, key, message.MessageId);
            await reply.WriteAsync(new ReplyTextDelta(stored), CancellationToken.None);
            await reply.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None);
            return;
        }

        AgentAnswer answer;
        try
        {
            var budget = budgets.For(message);
            var history = await store.LoadAsync(key, budget.MaxMessages, budget.MaxChars, linked.Token);
            answer = await agent.RunAsync(new AgentRequest(message, history), reply, linked.Token);
        }
        catch (Exception) when (linked.IsCancellationRequested || stopToken.IsCancellationRequested || reply.StopRequested.IsCancellationRequested
            || shutdownToken.IsCancellationRequested)
        {
            // The sources are read too: a token's callbacks run in reverse order, so the card's stop button (cancelled
            // on another thread) can end the agent's own linked call, and this catch run inline, before it reaches
            // `linked`.
            var end = shutdownToken.IsCancellationRequested ? ReplyEnd.Interrupted : ReplyEnd.Stopped;
            LogCancelled(logger, key, message.MessageId, end);
            await reply.CompleteAsync(end, null, CancellationToken.None);
            return;
        }
        catch (Exception ex)
        {
            // The exception may quote the provider's response; it goes to the log, never to the chat.
            LogModelFailed(logger, key, message.MessageId, ex);
            await reply.CompleteAsync(ReplyEnd.Failed, SessionTexts.ModelFailed.For(locales?.For(message.AccountId) ?? BotLocales.Default), CancellationToken.None);
            return;
        }

        if (historyFirst)
        {
            // Replicas: completing the reply closes the journal entry, and another replica waiting to run this
            // conversation's next turn starts then: the exchange must be in the shared history before that.
            await AppendAsync(key, message, answer);
            await reply.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None);
        }
        else
        {
            await reply.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None);
            await AppendAsync(key, message, answer);
        }

        LogAnswered(logger, key, message.MessageId, answer.InputTokens, answer.OutputTokens);
    }

    private async Task<string?> StoredAnswerAsync(SessionKey key, Core.Inbound.InboundMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await store.FindAnswerAsync(key, message.MessageId, cancellationToken);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    // Keyed by the message id: a turn run again after a crash stores its exchange once.
    private Task AppendAsync(SessionKey key, Core.Inbound.InboundMessage message, AgentAnswer answer)
    {
        var user = new SessionTurn(SessionTurn.User, answer.UserText, message.CreatedAt);
        var assistant = new SessionTurn(SessionTurn.Assistant, answer.Text, timeProvider.GetUtcNow(), (int)Math.Min(answer.OutputTokens, int.MaxValue));
        return string.IsNullOrEmpty(message.MessageId)
            ? store.AppendExchangeAsync(key, user, answer.ToolSteps, assistant, answer.InputTokens, answer.OutputTokens, CancellationToken.None)
            : store.AppendExchangeOnceAsync(key, message.MessageId, user, answer.ToolSteps, assistant, answer.InputTokens, answer.OutputTokens, CancellationToken.None);
    }

    [LoggerMessage(EventId = 5111, Level = LogLevel.Debug,
        Message = "Session {SessionKey}: answered {MessageId} ({InputTokens} input, {OutputTokens} output tokens)")]
    private static partial void LogAnswered(ILogger logger, SessionKey sessionKey, string messageId, long inputTokens, long outputTokens);

    [LoggerMessage(EventId = 5114, Level = LogLevel.Information,
        Message = "Session {SessionKey}: {MessageId} was answered and stored by a replica that stopped before delivering it; delivering the stored answer")]
    private static partial void LogStoredAnswer(ILogger logger, SessionKey sessionKey, string messageId);

    [LoggerMessage(EventId = 5112, Level = LogLevel.Information, Message = "Session {SessionKey}: turn for {MessageId} ended {End}")]
    private static partial void LogCancelled(ILogger logger, SessionKey sessionKey, string messageId, ReplyEnd end);

    [LoggerMessage(EventId = 5113, Level = LogLevel.Warning, Message = "Session {SessionKey}: the model call for {MessageId} failed")]
    private static partial void LogModelFailed(ILogger logger, SessionKey sessionKey, string messageId, Exception exception);
}
