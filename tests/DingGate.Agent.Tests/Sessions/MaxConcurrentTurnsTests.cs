using System.Collections.Concurrent;
using DingGate.Agent.Sessions;
using DingGate.Core.Configuration;
using DingGate.Core.Configuration.Loading;
using DingGate.Core.Replies;
using DingGate.Core.Sessions;
using DingGate.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Agent.Tests.Sessions;

// Issue 14: agents.maxConcurrentTurns (default 64) bounds the turns running at once; it reaches the SessionQueue the
// way the gateway host composes it (config file -> AddAgentSessions).
public sealed class MaxConcurrentTurnsTests : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dinggate-agent-tests", Guid.NewGuid().ToString("N"));
    private readonly SessionHarness _messages = new();

    public async ValueTask DisposeAsync()
    {
        await _messages.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task RunningTurns_CountsTheTurnsRunning_NotTheWaitingOnes()
    {
        var config = Load("""{ agents: { maxConcurrentTurns: 2, default: { systemPrompt: "x" } } }""");
        var runner = new SlowTurnRunner();
        await using var services = Compose(config, runner);
        var queue = services.GetRequiredService<SessionQueue>();
        Assert.Equal(0, queue.RunningTurns);

        for (var i = 0; i < 3; i++)
        {
            await queue.EnqueueAsync(new QueuedTurn(new SessionKey("acc", "dm:" + i), _messages.Dm("t" + i, "u" + i), new RecordingReplySink()), CancellationToken.None);
        }

        await runner.WaitForStartedAsync(2);
        Assert.Equal(2, queue.RunningTurns);
        runner.ReleaseAll();
        await runner.WaitForStartedAsync(3);
        await queue.StopAsync(CancellationToken.None);
        Assert.Equal(0, queue.RunningTurns);
    }

    [Fact]
    public async Task Setting_FromConfig_BoundsTurnsRunningAtOnceAcrossSessions()
    {
        var config = Load("""{ agents: { maxConcurrentTurns: 3, default: { systemPrompt: "x" } } }""");
        var runner = new SlowTurnRunner();
        await using var services = Compose(config, runner);
        var queue = services.GetRequiredService<SessionQueue>();
        var sinks = new List<RecordingReplySink>();

        for (var i = 0; i < 5; i++)
        {
            var sink = new RecordingReplySink();
            sinks.Add(sink);
            Assert.Equal(EnqueueResult.Queued, await queue.EnqueueAsync(
                new QueuedTurn(new SessionKey("acc", "dm:" + i), _messages.Dm("t" + i, "u" + i), sink), CancellationToken.None));
        }

        await runner.WaitForStartedAsync(3);
        await Task.Delay(TimeSpan.FromMilliseconds(300)); // room for a fourth to start if the bound were not 3
        Assert.Equal(3, runner.Started);
        Assert.Equal(3, runner.MostRunning);

        runner.ReleaseOne();
        await runner.WaitForStartedAsync(4);
        runner.ReleaseAll();
        foreach (var sink in sinks)
        {
            Assert.Equal(ReplyEnd.Finished, await sink.Completed.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(5, runner.Started);
        Assert.Equal(3, runner.MostRunning);
    }

    [Fact]
    public async Task Setting_Absent_Is64()
    {
        var config = Load("""{ agents: { default: { systemPrompt: "x" } } }""");
        await using var services = Compose(config, new SlowTurnRunner());

        Assert.Null(config.MaxConcurrentTurns);
        Assert.Equal(64, services.GetRequiredService<SessionOptions>().MaxConcurrentTurns);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4097)]
    public void AddAgentSessions_OutOfRange_Throws(int turns) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddAgentSessions(new SessionSettings(), turns));

    private DinggateConfig Load(string text) =>
        new ConfigLoader().LoadText(text, ConfigSource.Create(null, _ => null, _directory)).Config;

    // As GatewayHost composes it, with a turn runner that holds every turn until released.
    private ServiceProvider Compose(DinggateConfig config, SlowTurnRunner runner) =>
        new ServiceCollection()
            .AddSingleton<ISessionTurnRunner>(runner)
            .AddSqliteStorage(_directory)
            .AddAgentSessions(config.Session, config.MaxConcurrentTurns)
            .BuildServiceProvider();

    private sealed class SlowTurnRunner : ISessionTurnRunner
    {
        private readonly ConcurrentQueue<TaskCompletionSource> _held = new();
        private readonly SemaphoreSlim _startedSignal = new(0);
        private readonly Lock _lock = new();
        private int _running;
        private int _started;
        private int _mostRunning;
        private bool _releaseAll;

        public int Started => Volatile.Read(ref _started);

        public int MostRunning => Volatile.Read(ref _mostRunning);

        public async Task RunAsync(QueuedTurn turn, CancellationToken stopToken, CancellationToken shutdownToken)
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock)
            {
                _running++;
                _mostRunning = Math.Max(_mostRunning, _running);
                _started++;
                if (_releaseAll)
                {
                    release.SetResult();
                }
                else
                {
                    _held.Enqueue(release);
                }
            }

            _startedSignal.Release();
            await release.Task.WaitAsync(shutdownToken);
            lock (_lock)
            {
                _running--;
            }

            await turn.Reply.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None);
        }

        public async Task WaitForStartedAsync(int count)
        {
            while (Started < count)
            {
                Assert.True(await _startedSignal.WaitAsync(TimeSpan.FromSeconds(30)), $"only {Started} of {count} turns started");
            }
        }

        public void ReleaseOne()
        {
            Assert.True(_held.TryDequeue(out var release));
            release.SetResult();
        }

        public void ReleaseAll()
        {
            lock (_lock)
            {
                _releaseAll = true;
            }

            while (_held.TryDequeue(out var release))
            {
                release.SetResult();
            }
        }
    }
}
