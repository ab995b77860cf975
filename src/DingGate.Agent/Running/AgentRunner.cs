using System.Text;
using DingGate.Agent.Prompting;
using DingGate.Agent.Providers;
using DingGate.Agent.Tools.Builtin;
using DingGate.Core.Configuration;
using DingGate.Core.Replies;
using DingGate.Core.Sessions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DingGate.Agent.Running;

/// <summary>
/// Runs one turn: resolves the account's agent and model, builds the prompt and streams the model's answer into the
/// reply sink (text deltas; throttled reasoning and tool-call statuses). Stops at once when the token or the sink's stop
/// button is cancelled (throws <see cref="OperationCanceledException"/>). Never completes the sink.
/// </summary>
internal sealed partial class AgentRunner(
    AgentResolver resolver,
    IChatClientProvider clients,
    PromptBuilder prompts,
    DinggateConfig config,
    TimeProvider timeProvider,
    ILogger<AgentRunner>? logger = null,
    MediaLines? mediaLines = null) : IAgentRunner
{
    public static readonly TimeSpan ReasoningStatusInterval = TimeSpan.FromSeconds(2);

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public AgentInfo Describe(string accountId)
    {
        var agent = resolver.Resolve(accountId);
        return new AgentInfo(agent.AgentName, agent.Provider, agent.ModelId);
    }

    public async Task<AgentAnswer> RunAsync(AgentRequest request, IReplySink reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reply);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, reply.StopRequested);
        var token = linked.Token;
        var message = request.Message;
        var agent = resolver.Resolve(message.AccountId);
        var client = clients.GetClient(agent.ModelName, agent.Model);
        var prompt = await prompts.BuildAsync(request, agent, token);
        LogTurnStarted(_logger, message.AccountId, agent.AgentName, agent.ModelName, request.History.Count, message.Attachments.Count);

        var started = timeProvider.GetTimestamp();
        var answer = new StringBuilder();
        var reasoning = new ReasoningStatusThrottle(timeProvider, ReasoningStatusInterval);
        long? inputTokens = null, outputTokens = null;
        var media = mediaLines?.For(agent.Agent, message, reply);
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync(prompt.Messages, Options(message), token).WithCancellation(token))
            {
                token.ThrowIfCancellationRequested();
                foreach (var content in update.Contents)
                {
                    switch (content)
                    {
                        case TextContent { Text.Length: > 0 } text:
                            answer.Append(text.Text);
                            await (media is null ? reply.WriteAsync(new ReplyTextDelta(text.Text), token) : media.WriteAsync(text.Text, token));
                            break;
                        case TextReasoningContent thinking when reasoning.Add(thinking.Text) is { } status:
                            await reply.WriteAsync(new ReplyStatus(ReplyStatusKind.Reasoning, status), token);
                            break;
                        case FunctionCallContent call:
                            await reply.WriteAsync(new ReplyStatus(ReplyStatusKind.ToolCall, call.Name), token);
                            break;
                        case UsageContent usage:
                            inputTokens = usage.Details.InputTokenCount ?? inputTokens;
                            outputTokens = usage.Details.OutputTokenCount ?? outputTokens;
                            break;
                    }
                }
            }

            await (media?.FlushAsync(token) ?? ValueTask.CompletedTask);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            LogTurnStopped(_logger, message.AccountId, agent.AgentName, answer.Length);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogTurnFailed(_logger, message.AccountId, agent.AgentName, agent.ModelName, ex);
            throw;
        }

        var elapsed = timeProvider.GetElapsedTime(started);
        LogTurnFinished(_logger, message.AccountId, agent.AgentName, answer.Length, inputTokens, outputTokens, elapsed);
        return new AgentAnswer(answer.ToString(), prompt.UserText, inputTokens ?? 0, outputTokens ?? 0);
    }

    // Sender and session for the demo model (content markers and these options never reach a provider's wire).
    private ChatOptions Options(Core.Inbound.InboundMessage message)
    {
        var scope = string.Equals(config.Session.Scope, "per-user-in-group", StringComparison.OrdinalIgnoreCase)
            ? SessionScope.PerUserInGroup
            : SessionScope.PerPeer;
        var sender = message.Sender.StaffId is null ? message.Sender.Nick : $"{message.Sender.Nick} ({message.Sender.StaffId})";
        return new ChatOptions
        {
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                [PromptParts.SenderKey] = sender,
                [PromptParts.SessionKey] = SessionKey.For(message, scope).ToString(),
            },
        };
    }
}
