using DingGate.Core.Inbound;
using System.Collections.Concurrent;
using DingGate.Agent.Running;
using DingGate.Core.Replies;

namespace DingGate.Agent.Tests.Sessions;

// An IAgentRunner scripted per message text: it streams "answer to <text>" and, for held messages, waits on a gate
// the test opens. Every request is recorded.
internal sealed class ScriptedAgentRunner : IAgentRunner
{
    private readonly ConcurrentDictionary<string, TurnScript> _scripts = new();

    public ConcurrentQueue<AgentRequest> Requests { get; } = new();

    public ConcurrentQueue<string> StartOrder { get; } = new();

    public AgentInfo Info { get; set; } = new("helper", "openai", "qwen-plus");

    public TurnScript Script(string text) => _scripts.GetOrAdd(text, _ => new TurnScript());

    public TurnScript Hold(string text)
    {
        var script = Script(text);
        script.Held = true;
        return script;
    }

    public AgentRequest RequestFor(string text) => Requests.Single(r => r.Message.Text == text);

    public async Task<AgentAnswer> RunAsync(AgentRequest request, IReplySink reply, CancellationToken cancellationToken)
    {
        var text = request.Message.Text;
        var script = Script(text);
        Requests.Enqueue(request);
        StartOrder.Enqueue(text);
        await reply.WriteAsync(new ReplyTextDelta("answer to "), cancellationToken);
        script.Started.TrySetResult();
        if (script.Held)
        {
            await script.Gate.Task.WaitAsync(cancellationToken);
        }

        if (script.Failure is { } failure)
        {
            throw failure;
        }

        await reply.WriteAsync(new ReplyTextDelta(text), cancellationToken);
        return new AgentAnswer("answer to " + text, "user: " + text, 100, 20);
    }

    public AgentInfo Describe(InboundMessage message) => Info;

    internal sealed class TurnScript
    {
        public bool Held { get; set; }

        public Exception? Failure { get; set; }

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool HasStarted => Started.Task.IsCompleted;

        public Task WaitStartedAsync() => Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        public void Release() => Gate.TrySetResult();
    }
}
