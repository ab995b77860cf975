using System.Text;
using DingGate.Agent.Prompting;
using DingGate.Agent.Providers;
using DingGate.Agent.Tools;
using DingGate.Agent.Sessions;
using DingGate.Agent.Tools.Builtin;
using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Secrets;
using DingGate.Core.Sessions;
using DingGate.Core.Texts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DingGate.Agent.Running;

/// <summary>
/// Runs one turn: resolves the account's agent and model, builds the prompt and streams the model's answer into the
/// reply sink (text deltas; throttled reasoning and tool-call statuses). When the agent may use tools, the model's
/// client is wrapped for the turn in a <see cref="FunctionInvokingChatClient"/> that runs the calls through a
/// <see cref="ToolInvoker"/> (rounds, timeouts, errors as results) with the tools of the <see cref="ToolCatalog"/>.
/// Stops at once when the token or the sink's stop button is cancelled (throws <see cref="OperationCanceledException"/>),
/// a running tool included. Never completes the sink.
/// </summary>
internal sealed partial class AgentRunner(
    AgentResolver resolver,
    IChatClientProvider clients,
    PromptBuilder prompts,
    SessionKeys sessions,
    DinggateConfig config,
    TimeProvider timeProvider,
    ILogger<AgentRunner>? logger = null,
    ToolCatalog? tools = null,
    SecretRedactor? redactor = null,
    MediaLines? mediaLines = null,
    LiveConfig? live = null,
    Sessions.AccountLocales? locales = null) : IAgentRunner
{
    public static readonly TimeSpan ReasoningStatusInterval = TimeSpan.FromSeconds(2);

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly ToolLimits _limits = ToolLimits.From(config.Tools);
    private readonly SecretRedactor _redactor = redactor ?? SecretRedactor.ShapesOnly();

    public AgentInfo Describe(InboundMessage message)
    {
        var agent = resolver.Resolve(message);
        return new AgentInfo(agent.AgentName, agent.Provider, agent.ModelId);
    }

    public async Task<AgentAnswer> RunAsync(AgentRequest request, IReplySink reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reply);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, reply.StopRequested);
        var token = linked.Token;
        var message = request.Message;
        var agent = resolver.Resolve(message);
        var prompt = await prompts.BuildAsync(request, agent, token);
        var options = Options(message, locales?.For(message.AccountId) ?? BotLocales.Default);
        var turnTools = ToolsFor(request, agent, reply);
        var client = clients.GetClient(agent.ModelName, agent.Model);
        if (turnTools.Count > 0)
        {
            options.Tools = [.. turnTools];
            client = WithTools(client, reply);
        }

        LogTurnStarted(_logger, message.AccountId, agent.AgentName, agent.ModelName, request.History.Count, message.Attachments.Count);

        var started = timeProvider.GetTimestamp();
        var answer = new StringBuilder();
        var steps = new List<AIContent>();
        var locale = locales?.For(message.AccountId) ?? BotLocales.Default;
        var reasoning = new ReasoningStatusThrottle(timeProvider, ReasoningStatusInterval, AgentTexts.Thinking.For(locale));
        long? inputTokens = null, outputTokens = null;
        var media = mediaLines?.For(agent.Agent, message, reply, IsOwner(message), locale);
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync(prompt.Messages, options, token).WithCancellation(token))
            {
                token.ThrowIfCancellationRequested();
                foreach (var content in update.Contents)
                {
                    switch (content)
                    {
                        case TextContent { Text.Length: > 0 } text when update.Role != ChatRole.Tool:
                            answer.Append(text.Text);
                            await (media is null ? reply.WriteAsync(new ReplyTextDelta(text.Text), token) : media.WriteAsync(text.Text, token));
                            break;
                        case TextReasoningContent thinking when reasoning.Add(thinking.Text) is { } status:
                            await reply.WriteAsync(new ReplyStatus(ReplyStatusKind.Reasoning, status), token);
                            break;
                        case FunctionCallContent or FunctionResultContent:
                            steps.Add(content);
                            break;
                        case UsageContent usage:
                            // With tools, each round reports its own usage: the turn's is their sum.
                            inputTokens = Sum(inputTokens, usage.Details.InputTokenCount, turnTools.Count > 0);
                            outputTokens = Sum(outputTokens, usage.Details.OutputTokenCount, turnTools.Count > 0);
                            break;
                    }
                }
            }

            await (media?.FlushAsync(token) ?? ValueTask.CompletedTask);
            if (answer.Length == 0 && steps.Count > 0 && turnTools.Count > 0)
            {
                var noAnswer = AgentTexts.NoAnswerAfterTools.For(locale);
                answer.Append(noAnswer);
                await reply.WriteAsync(new ReplyTextDelta(noAnswer), token);
            }
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
        return new AgentAnswer(answer.ToString(), prompt.UserText, inputTokens ?? 0, outputTokens ?? 0)
        {
            ToolSteps = ToolHistory.Turns(steps, timeProvider.GetUtcNow()),
        };
    }

    private IReadOnlyList<AIFunction> ToolsFor(AgentRequest request, ResolvedAgent agent, IReplySink reply)
    {
        if (tools is null || agent.Agent.Tools.Allow.Count == 0)
        {
            return [];
        }

        var message = request.Message;
        var turn = new ToolTurnContext(message, KeyOf(message), reply, agent.AgentName, IsOwner(message));
        return tools.ToolsFor(agent.Agent, turn);
    }

    // The turn's function invocation above the model's client, so every provider (and an in-process client) gets it.
    // Not disposed: disposing a delegating client disposes the shared client inside it.
#pragma warning disable CA2000
    private FunctionInvokingChatClient WithTools(IChatClient client, IReplySink reply)
    {
        var invoker = new ToolInvoker(reply, _limits, timeProvider, _redactor, _logger);
        return new FunctionInvokingChatClient(client)
        {
            // Rounds with tools; FunctionInvokingChatClient then asks once more without them, so the model must answer.
            MaximumIterationsPerRequest = _limits.MaxRounds,
            // The invoker turns every failure into a result, so the loop never ends on errors.
            MaximumConsecutiveErrorsPerRequest = int.MaxValue,
            IncludeDetailedErrors = false,
            AllowConcurrentInvocation = false,
            FunctionInvoker = invoker.InvokeAsync,
        };
    }
#pragma warning restore CA2000

    // Owners as the live configuration lists them now (a reloaded config file changes them without a restart).
    private bool IsOwner(InboundMessage message) =>
        message.Sender.StaffId is { Length: > 0 } staffId
        && (live?.Current ?? config).Channels.Dingtalk?.Resolve().FirstOrDefault(a => a.Id == message.AccountId) is { } account
        && account.Owners.Contains(staffId, StringComparer.Ordinal);

    private static long? Sum(long? total, long? value, bool add) =>
        value is not { } v ? total : add ? (total ?? 0) + v : v;

    // Sender, session and the user's locale for the demo model (content markers and these options never reach a provider's wire).
    private ChatOptions Options(InboundMessage message, BotLocale locale)
    {
        var sender = message.Sender.StaffId is null ? message.Sender.Nick : $"{message.Sender.Nick} ({message.Sender.StaffId})";
        return new ChatOptions
        {
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                [PromptParts.SenderKey] = sender,
                [PromptParts.SessionKey] = KeyOf(message).ToString(),
                [PromptParts.LocaleKey] = BotLocales.Name(locale),
            },
        };
    }

    private SessionKey KeyOf(InboundMessage message) => sessions.For(message);
}
