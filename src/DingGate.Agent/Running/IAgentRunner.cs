using DingGate.Core.Inbound;
using DingGate.Core.Replies;

namespace DingGate.Agent.Running;

/// <summary>
/// Runs one turn of the agent bound to an account: builds the prompt (system prompt, history, the user's message with
/// images and file text), streams the model's answer into the reply sink (text deltas, reasoning/tool status) and
/// returns what to store. It never completes the sink: the caller does (finished, failed or stopped).
/// </summary>
internal interface IAgentRunner
{
    /// <summary>Streams the answer; throws when the model call fails (the caller completes the sink as failed).</summary>
    Task<AgentAnswer> RunAsync(AgentRequest request, IReplySink reply, CancellationToken cancellationToken);

    /// <summary>Which agent and model answer <paramref name="message"/>'s conversation (for /status).</summary>
    AgentInfo Describe(InboundMessage message);
}
