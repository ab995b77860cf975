using System.Collections.Concurrent;
using DingGate.Agent.Sessions;
using DingGate.Core.Replies;
using DingGate.Core.Sessions;
using Microsoft.Extensions.Logging.Abstractions;

namespace DingGate.Agent.Tests.Sessions;

public sealed class SessionQueueConcurrencyTests
{
    [Fact]
    public async Task EnqueueAsync_ConcurrencyLimitOne_SecondSessionWaitsForFirst()
    {
        var runner = new GatedTurnRunner();
        await using var queue = new SessionQueue(new SessionOptions(SessionScope.PerPeer, 5, 1), runner, NullLogger<SessionQueue>.Instance);
        var harness = new SessionHarness();
        await using var _ = harness;
        var first = new RecordingReplySink();
        var second = new RecordingReplySink();

        await queue.EnqueueAsync(new QueuedTurn(new SessionKey("acc", "dm:a"), harness.Dm("a"), first), CancellationToken.None);
        await queue.EnqueueAsync(new QueuedTurn(new SessionKey("acc", "dm:b"), harness.Dm("b"), second), CancellationToken.None);

        // Which session takes the one slot first is not ordered (the slot is a semaphore); the other must wait.
        var started = await Task.WhenAny(runner.Gate("a").Started.Task, runner.Gate("b").Started.Task).WaitAsync(TimeSpan.FromSeconds(10));
        var (running, waiting) = started == runner.Gate("a").Started.Task ? ("a", "b") : ("b", "a");
        var (runningSink, waitingSink) = running == "a" ? (first, second) : (second, first);

        Assert.False(runner.Gate(waiting).Started.Task.IsCompleted);
        Assert.Equal(new SessionQueueState(true, 0), queue.GetState(new SessionKey("acc", "dm:" + running)));
        Assert.Equal(new SessionQueueState(false, 1), queue.GetState(new SessionKey("acc", "dm:" + waiting)));
        runner.Gate(running).Release.TrySetResult();
        Assert.Equal(ReplyEnd.Finished, await runningSink.Completed);
        await runner.Gate(waiting).Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        runner.Gate(waiting).Release.TrySetResult();
        Assert.Equal(ReplyEnd.Finished, await waitingSink.Completed);
    }

    [Fact]
    public async Task EnqueueAsync_RunnerThrows_CompletesFailedAndKeepsServingTheSession()
    {
        var runner = new GatedTurnRunner { Throw = true };
        await using var queue = new SessionQueue(new SessionOptions(SessionScope.PerPeer, 5, 4), runner, NullLogger<SessionQueue>.Instance);
        var harness = new SessionHarness();
        await using var _ = harness;
        var first = new RecordingReplySink();
        var key = new SessionKey("acc", "dm:a");

        await queue.EnqueueAsync(new QueuedTurn(key, harness.Dm("a"), first), CancellationToken.None);
        Assert.Equal(ReplyEnd.Failed, await first.Completed);
        await first.Disposed;
        runner.Throw = false;
        var second = new RecordingReplySink();
        await queue.EnqueueAsync(new QueuedTurn(key, harness.Dm("b"), second), CancellationToken.None);
        runner.Gate("b").Release.TrySetResult();

        Assert.Equal(ReplyEnd.Finished, await second.Completed);
    }

    private sealed class GatedTurnRunner : ISessionTurnRunner
    {
        private readonly ConcurrentDictionary<string, (TaskCompletionSource Started, TaskCompletionSource Release)> _gates = new();

        public bool Throw { get; set; }

        public (TaskCompletionSource Started, TaskCompletionSource Release) Gate(string text) =>
            _gates.GetOrAdd(text, _ => (new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously)));

        public async Task RunAsync(QueuedTurn turn, CancellationToken stopToken, CancellationToken shutdownToken)
        {
            if (Throw)
            {
                throw new InvalidOperationException("boom");
            }

            var gate = Gate(turn.Message.Text);
            gate.Started.TrySetResult();
            await gate.Release.Task.WaitAsync(shutdownToken);
            await turn.Reply.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None);
        }
    }
}
