using DingGate.Core.Replies;

namespace DingGate.Agent.Tests.Sessions;

public sealed class SessionQueueShutdownTests : IAsyncLifetime
{
    private readonly SessionHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task StopAsync_DeadlinePasses_InterruptsPendingAtOnceAndCancelsRunningOnlyThen()
    {
        var m1 = _harness.Runner.Hold("m1");
        var sink1 = await _harness.SendAsync("m1");
        var sink2 = await _harness.SendAsync("m2");
        await m1.WaitStartedAsync();
        using var deadline = new CancellationTokenSource();

        var stopping = _harness.Queue.StopAsync(deadline.Token);

        Assert.Equal(ReplyEnd.Interrupted, await sink2.Completed);
        await sink2.Disposed;
        Assert.False(sink1.HasCompleted);
        Assert.False(stopping.IsCompleted);
        await deadline.CancelAsync();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ReplyEnd.Interrupted, await sink1.Completed);
        Assert.DoesNotContain("m2", _harness.Runner.StartOrder);
    }

    [Fact]
    public async Task StopAsync_RunningTurnEndsBeforeDeadline_FinishesIt()
    {
        var m1 = _harness.Runner.Hold("m1");
        var sink1 = await _harness.SendAsync("m1");
        await m1.WaitStartedAsync();

        var stopping = _harness.Queue.StopAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted);
        m1.Release();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ReplyEnd.Finished, await sink1.Completed);
        await sink1.Disposed;
    }

    [Fact]
    public async Task HandleAsync_AfterStop_CompletesInterruptedWithoutRunning()
    {
        await _harness.Queue.StopAsync(CancellationToken.None);

        var sink = await _harness.SendAsync("late");

        Assert.Equal(ReplyEnd.Interrupted, await sink.Completed);
        Assert.Empty(_harness.Runner.Requests);
    }
}
