using System.Collections.Concurrent;
using DingGate.DingTalk.Inbound;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Inbound;

/// <summary>The per-conversation scheduler: order per lane, lanes in parallel, both bounds, owned workers, failure and stop.</summary>
public sealed class ConversationLanesTests
{
    [Fact]
    public async Task HeldItem_BlocksOnlyItsOwnLane_AndTheLaneKeepsItsOrder()
    {
        var gate = new TaskCompletionSource();
        var done = new ConcurrentQueue<string>();
        using var lanes = new ConversationLanes<string>(new InboundLaneOptions(), async (item, ct) =>
        {
            if (item == "a1")
            {
                await gate.Task.WaitAsync(ct);
            }

            done.Enqueue(item);
        }, CancellationToken.None);

        await lanes.EnqueueAsync("a", "a1");
        await lanes.EnqueueAsync("a", "a2");
        await lanes.EnqueueAsync("b", "b1");
        await lanes.EnqueueAsync("b", "b2");
        await TestWait.UntilAsync(() => done.Count == 2, "lane b is done");
        var whileHeld = done.ToArray();
        gate.SetResult();
        await lanes.CompleteAsync();

        Assert.Equal(["b1", "b2"], whileHeld);
        Assert.Equal(["a1", "a2"], done.Where(i => i.StartsWith('a')));
    }

    [Fact]
    public async Task ManyLanes_NeverMoreThanMaxParallelRunAtOnce()
    {
        var running = 0;
        var peak = 0;
        using var lanes = new ConversationLanes<int>(new InboundLaneOptions { MaxParallel = 3 }, async (_, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Delay(5, ct);
            Interlocked.Decrement(ref running);
        }, CancellationToken.None);

        for (var i = 0; i < 40; i++)
        {
            await lanes.EnqueueAsync("lane" + (i % 10), i);
        }

        await lanes.CompleteAsync();

        Assert.InRange(peak, 1, 3);
        Assert.Equal(0, running);
    }

    [Fact]
    public async Task BeforeRunWaits_HoldItsLaneOnly_OtherLanesRunWithTheOnlySlot()
    {
        // Replicas: every slot waiting for another replica's earlier message, while that replica's slots waited for this
        // one's, stopped both (found by the 3,000-message throughput run). The wait runs before the slot is taken.
        var remote = new TaskCompletionSource();
        var ran = new List<string>();
        using var lanes = new ConversationLanes<string>(
            new InboundLaneOptions { MaxParallel = 1 },
            (item, _) =>
            {
                lock (ran)
                {
                    ran.Add(item);
                }

                return Task.CompletedTask;
            },
            CancellationToken.None,
            beforeRun: (item, ct) => item.StartsWith('a') ? remote.Task.WaitAsync(ct) : Task.CompletedTask);

        await lanes.EnqueueAsync("a", "a1");
        await lanes.EnqueueAsync("a", "a2");
        await lanes.EnqueueAsync("b", "b1");
        await lanes.EnqueueAsync("c", "c1");
        await TestWait.UntilAsync(() => { lock (ran) { return ran.Count == 2; } }, "b1 and c1 run while a1 waits");
        remote.SetResult();
        await lanes.CompleteAsync();

        Assert.Equal(["a1", "a2"], ran.Where(i => i.StartsWith('a')));
        Assert.Equal(4, ran.Count);
    }

    [Fact]
    public async Task BufferFull_EnqueueWaitsUntilAnItemFinishes()
    {
        var gate = new TaskCompletionSource();
        using var lanes = new ConversationLanes<int>(new InboundLaneOptions { MaxBuffered = 2 }, (_, ct) => gate.Task.WaitAsync(ct), CancellationToken.None);
        await lanes.EnqueueAsync("a", 1);
        await lanes.EnqueueAsync("b", 2);

        var third = lanes.EnqueueAsync("c", 3);
        await Task.Delay(100);
        var waitedWhileFull = !third.IsCompleted;
        gate.SetResult();
        await third.WaitAsync(TestWait.DefaultTimeout);
        await lanes.CompleteAsync();

        Assert.True(waitedWhileFull, "a third item waits while two are unfinished");
    }

    [Fact]
    public async Task FailingItem_StopsEveryLaneAndCompleteRethrows()
    {
        var processed = new ConcurrentQueue<int>();
        var blocked = new TaskCompletionSource();
        using var lanes = new ConversationLanes<int>(new InboundLaneOptions(), async (item, ct) =>
        {
            if (item == 1)
            {
                await blocked.Task.WaitAsync(ct);
            }

            if (item == 2)
            {
                throw new InvalidOperationException("store down");
            }

            processed.Enqueue(item);
        }, CancellationToken.None);

        await lanes.EnqueueAsync("a", 1);
        await lanes.EnqueueAsync("b", 2);
        await TestWait.UntilAsync(() => lanes.Stopping.IsCancellationRequested, "the failure stops the lanes");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(lanes.CompleteAsync);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lanes.EnqueueAsync("c", 3));
        Assert.Equal("store down", error.Message);
        Assert.Empty(processed);
    }

    [Fact]
    public async Task Cancelled_RunningItemIsCancelledQueuedOnesNeverStart_CompleteReturns()
    {
        using var stop = new CancellationTokenSource();
        var started = new ConcurrentQueue<int>();
        using var lanes = new ConversationLanes<int>(new InboundLaneOptions(), async (item, ct) =>
        {
            started.Enqueue(item);
            await Task.Delay(Timeout.Infinite, ct);
        }, stop.Token);
        await lanes.EnqueueAsync("a", 1);
        await lanes.EnqueueAsync("a", 2);
        await TestWait.UntilAsync(() => started.Count == 1, "the first item runs");

        await stop.CancelAsync();
        await lanes.CompleteAsync().WaitAsync(TestWait.DefaultTimeout);

        Assert.Equal([1], started);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
