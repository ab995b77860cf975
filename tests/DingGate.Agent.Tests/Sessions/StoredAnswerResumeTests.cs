using DingGate.Core.Replies;
using DingGate.Core.Sessions;

namespace DingGate.Agent.Tests.Sessions;

// A replica stores a turn's exchange before completing its reply (issue 17); when it dies between the two, the journal
// hands the message to another replica, which must deliver the stored answer without asking the model again and
// without storing the exchange twice (found by the replicas acceptance run: the model saw a question twice).
public sealed class StoredAnswerResumeTests : IAsyncDisposable
{
    private SessionHarness _harness = new(clustered: true);

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Clustered_MessageWhoseExchangeIsStored_DeliversTheStoredAnswerWithoutTheModel()
    {
        var message = _harness.Dm("q1");
        var key = new SessionKey("acc", "dm:sid-u1");
        // What the dead replica left: the exchange in the shared history, the reply never completed.
        Assert.True(await _harness.Store.AppendExchangeOnceAsync(
            key, message.MessageId, new SessionTurn(SessionTurn.User, "q1", SessionHarness.T0), [],
            new SessionTurn(SessionTurn.Assistant, "the stored answer", SessionHarness.T0), 10, 5, CancellationToken.None));

        var sink = await _harness.SendAsync(message);

        Assert.Equal(ReplyEnd.Finished, await sink.Completed);
        await sink.Disposed;
        Assert.Equal("the stored answer", sink.Text);
        Assert.Empty(_harness.Runner.Requests);
        var history = await _harness.Store.LoadAsync(key, 40, 24_000, CancellationToken.None);
        Assert.Equal(["q1", "the stored answer"], history.Select(t => t.Text));
    }

    [Fact]
    public async Task Clustered_SameMessageRunTwice_ModelAskedOnceAndHistoryHoldsOneExchange()
    {
        var message = _harness.Dm("q1");
        var first = await _harness.SendAsync(message);
        Assert.Equal(ReplyEnd.Finished, await first.Completed);
        await first.Disposed;

        // The journal resumes the message (the reply's completion was not recorded before the crash).
        var again = await _harness.SendAsync(message);
        Assert.Equal(ReplyEnd.Finished, await again.Completed);
        await again.Disposed;
        var next = await _harness.SendAsync(_harness.Dm("q2"));
        Assert.Equal(ReplyEnd.Finished, await next.Completed);
        await next.Disposed;

        Assert.Equal("answer to q1", again.Text);
        Assert.Equal(["q1", "q2"], _harness.Runner.Requests.Select(r => r.Message.Text));
        Assert.Equal(["user: q1", "answer to q1"], _harness.Runner.RequestFor("q2").History.Select(t => t.Text));
    }

    [Fact]
    public async Task Standalone_SameMessageRunTwice_HistoryStillHoldsOneExchange()
    {
        await _harness.DisposeAsync();
        _harness = new SessionHarness();
        var message = _harness.Dm("q1");
        var first = await _harness.SendAsync(message);
        await first.Disposed;
        var again = await _harness.SendAsync(message);
        await again.Disposed;

        var history = await _harness.Store.LoadAsync(new SessionKey("acc", "dm:sid-u1"), 40, 24_000, CancellationToken.None);
        Assert.Equal(["user: q1", "answer to q1"], history.Select(t => t.Text));
    }
}
