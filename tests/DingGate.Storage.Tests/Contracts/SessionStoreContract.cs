using DingGate.Core.Sessions;

namespace DingGate.Storage.Tests.Contracts;

public abstract class SessionStoreContract : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    protected static readonly SessionKey Key = new("acc", "dm:u1");

    private readonly StorageBackend _directory;
    private StoreSet _database;
    private ISessionStore _store;

    protected SessionStoreContract(StorageBackend backend)
    {
        _directory = backend;
        _database = _directory.Open();
        _store = _database.Sessions;
    }

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    protected static SessionTurn User(string text, int minute) => new(SessionTurn.User, text, T0.AddMinutes(minute));

    protected static SessionTurn Assistant(string text, int minute, int? tokens = 7) => new(SessionTurn.Assistant, text, T0.AddMinutes(minute), tokens);

    private Task AppendAsync(SessionKey key, string question, string answer, int minute, long input = 10, long output = 5) =>
        _store.AppendExchangeAsync(key, User(question, minute), Assistant(answer, minute), input, output, CancellationToken.None);

    [Fact]
    public async Task LoadAsync_WithinBudgets_ReturnsAllOldestFirst()
    {
        await AppendAsync(Key, "q1", "a1", 1);
        await AppendAsync(Key, "q2", "a2", 2);

        var history = await _store.LoadAsync(Key, 40, 24_000, CancellationToken.None);

        Assert.Equal([User("q1", 1), Assistant("a1", 1), User("q2", 2), Assistant("a2", 2)], history);
    }

    [Fact]
    public async Task AppendExchangeOnceAsync_SameMessageTwice_StoredOnceAndFoundByItsId()
    {
        var first = await _store.AppendExchangeOnceAsync(Key, "msg-1", User("q1", 1), [Call("c1", 1), Result("c1", 1)], Assistant("a1", 1), 10, 5, CancellationToken.None);
        // A turn run again after a crash between storing and replying: another answer of the same message.
        var again = await _store.AppendExchangeOnceAsync(Key, "msg-1", User("q1", 2), [], Assistant("a1 again", 2), 10, 5, CancellationToken.None);
        var other = await _store.AppendExchangeOnceAsync(Key, "msg-2", User("q2", 3), [], Assistant("a2", 3), 10, 5, CancellationToken.None);

        var history = await _store.LoadAsync(Key, 40, 24_000, CancellationToken.None);
        Assert.True(first);
        Assert.False(again);
        Assert.True(other);
        Assert.Equal(["q1", Call("c1", 1).Text, Result("c1", 1).Text, "a1", "q2", "a2"], history.Select(t => t.Text));
        Assert.Equal(20, (await _store.GetStatsAsync(Key, CancellationToken.None)).InputTokens);
        Assert.Equal("a1", await _store.FindAnswerAsync(Key, "msg-1", CancellationToken.None));
        Assert.Equal("a2", await _store.FindAnswerAsync(Key, "msg-2", CancellationToken.None));
        Assert.Null(await _store.FindAnswerAsync(Key, "msg-3", CancellationToken.None));
    }

    [Fact]
    public async Task AppendExchangeOnceAsync_IdIsPerSession_AndClearForgetsIt()
    {
        var otherKey = new SessionKey("acc", "dm:u2");
        await _store.AppendExchangeOnceAsync(Key, "msg-1", User("q1", 1), [], Assistant("a1", 1), 10, 5, CancellationToken.None);

        Assert.True(await _store.AppendExchangeOnceAsync(otherKey, "msg-1", User("q1", 1), [], Assistant("b1", 1), 10, 5, CancellationToken.None));
        Assert.Equal("b1", await _store.FindAnswerAsync(otherKey, "msg-1", CancellationToken.None));

        await _store.ClearAsync(Key, CancellationToken.None);

        Assert.Null(await _store.FindAnswerAsync(Key, "msg-1", CancellationToken.None));
        Assert.True(await _store.AppendExchangeOnceAsync(Key, "msg-1", User("q1", 2), [], Assistant("a1 after /new", 2), 10, 5, CancellationToken.None));
        Assert.Equal("a1 after /new", await _store.FindAnswerAsync(Key, "msg-1", CancellationToken.None));
    }

    private static SessionTurn Call(string id, int minute) => new(SessionTurn.ToolCall, $$$"""{"id":"{{{id}}}","name":"lookup","arguments":{}}""", T0.AddMinutes(minute));

    private static SessionTurn Result(string id, int minute) => new(SessionTurn.ToolResult, $$"""{"id":"{{id}}","name":"lookup","result":"r-{{id}}"}""", T0.AddMinutes(minute));

    [Fact]
    public async Task AppendExchangeAsync_WithToolSteps_StoredBetweenQuestionAndAnswerInOrder()
    {
        await _store.AppendExchangeAsync(Key, User("q1", 1), [Call("c1", 1), Call("c2", 1), Result("c1", 1), Result("c2", 1)], Assistant("a1", 1), 10, 5, CancellationToken.None);
        await AppendAsync(Key, "q2", "a2", 2);

        var history = await _store.LoadAsync(Key, 40, 24_000, CancellationToken.None);

        Assert.Equal(
            [User("q1", 1), Call("c1", 1), Call("c2", 1), Result("c1", 1), Result("c2", 1), Assistant("a1", 1), User("q2", 2), Assistant("a2", 2)],
            history);
        Assert.Equal(4, (await _store.GetStatsAsync(Key, CancellationToken.None)).Messages);
    }

    [Fact]
    public async Task LoadAsync_BudgetCutsInsideToolSteps_HistoryStartsAtTheNextUserMessage()
    {
        await _store.AppendExchangeAsync(Key, User("q1", 1), [Call("c1", 1), Result("c1", 1)], Assistant("a1", 1), 10, 5, CancellationToken.None);
        await AppendAsync(Key, "q2", "a2", 2);

        // 4 newest rows: result c1, a1, q2, a2 → the result and the answer without their question are dropped.
        var byCount = await _store.LoadAsync(Key, 4, 24_000, CancellationToken.None);
        // Characters: q2 + a2 + a1 + the result fit, the call does not.
        var byChars = await _store.LoadAsync(Key, 40, "q2a2a1".Length + Result("c1", 1).Text.Length, CancellationToken.None);

        Assert.Equal(["q2", "a2"], byCount.Select(t => t.Text));
        Assert.Equal(["q2", "a2"], byChars.Select(t => t.Text));
    }

    [Fact]
    public async Task LoadAsync_MessageBudgetCutsInsideExchange_DropsLeadingAssistant()
    {
        await AppendAsync(Key, "q1", "a1", 1);
        await AppendAsync(Key, "q2", "a2", 2);
        await AppendAsync(Key, "q3", "a3", 3);

        var history = await _store.LoadAsync(Key, 3, 24_000, CancellationToken.None);

        Assert.Equal(["q3", "a3"], history.Select(t => t.Text));
    }

    [Fact]
    public async Task LoadAsync_CharBudget_KeepsNewestWholeMessages()
    {
        await AppendAsync(Key, "question-one", "answer-one", 1);
        await AppendAsync(Key, "q2", "answer-two!", 2);

        // "answer-two!" (11) + "q2" (2) = 13 fit; the next message back ("answer-one", 10) would make 23.
        var history = await _store.LoadAsync(Key, 40, 22, CancellationToken.None);

        Assert.Equal(["q2", "answer-two!"], history.Select(t => t.Text));
    }

    [Fact]
    public async Task LoadAsync_NewestMessageAloneOverCharBudget_ReturnsEmpty()
    {
        await AppendAsync(Key, "q", new string('x', 100), 1);

        Assert.Empty(await _store.LoadAsync(Key, 40, 50, CancellationToken.None));
    }

    [Fact]
    public async Task LoadAsync_OtherSessions_NotMixed()
    {
        await AppendAsync(Key, "mine", "a", 1);
        await AppendAsync(new SessionKey("acc", "dm:u2"), "theirs", "b", 2);
        await AppendAsync(new SessionKey("other", "dm:u1"), "other account", "c", 3);

        var history = await _store.LoadAsync(Key, 40, 24_000, CancellationToken.None);

        Assert.Equal(["mine", "a"], history.Select(t => t.Text));
    }

    [Fact]
    public async Task ClearAsync_AfterExchanges_ForgetsHistoryAndUsageOfThatSessionOnly()
    {
        var other = new SessionKey("acc", "group:cid");
        await AppendAsync(Key, "q1", "a1", 1);
        await AppendAsync(other, "q", "a", 1);

        await _store.ClearAsync(Key, CancellationToken.None);

        Assert.Empty(await _store.LoadAsync(Key, 40, 24_000, CancellationToken.None));
        Assert.Equal(new SessionStats(0, 0, 0, null), await _store.GetStatsAsync(Key, CancellationToken.None));
        Assert.Equal(2, (await _store.GetStatsAsync(other, CancellationToken.None)).Messages);
    }

    [Fact]
    public async Task GetStatsAsync_TwoExchanges_SumsTokensAndKeepsFirstStart()
    {
        await AppendAsync(Key, "q1", "a1", 1, input: 100, output: 20);
        await AppendAsync(Key, "q2", "a2", 5, input: 150, output: 30);

        var stats = await _store.GetStatsAsync(Key, CancellationToken.None);

        Assert.Equal(new SessionStats(4, 250, 50, T0.AddMinutes(1)), stats);
    }

    [Fact]
    public async Task AppendExchangeAsync_AfterClear_RestartsSession()
    {
        await AppendAsync(Key, "q1", "a1", 1);
        await _store.ClearAsync(Key, CancellationToken.None);
        await AppendAsync(Key, "q2", "a2", 9, input: 3, output: 4);

        Assert.Equal(new SessionStats(2, 3, 4, T0.AddMinutes(9)), await _store.GetStatsAsync(Key, CancellationToken.None));
        Assert.Equal(["q2", "a2"], (await _store.LoadAsync(Key, 40, 24_000, CancellationToken.None)).Select(t => t.Text));
    }

    [Fact]
    public async Task LoadAsync_AfterReopen_ReturnsStoredHistory()
    {
        await AppendAsync(Key, "q1", "a1", 1);
        _database.Dispose();
        _database = _directory.Open();
        _store = _database.Sessions;

        var history = await _store.LoadAsync(Key, 40, 24_000, CancellationToken.None);

        Assert.Equal([User("q1", 1), Assistant("a1", 1)], history);
        Assert.Equal(2, (await _store.GetStatsAsync(Key, CancellationToken.None)).Messages);
    }

    [Fact]
    public async Task AppendExchangeAsync_ConcurrentOnDifferentAndSameSessions_StoresEveryExchangeInPairs()
    {
        var keys = Enumerable.Range(0, 4).Select(i => new SessionKey("acc", "dm:u" + i)).ToArray();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            AppendAsync(keys[i % keys.Length], "q" + i, "a" + i, i, input: 1, output: 1))));

        foreach (var key in keys)
        {
            var history = await _store.LoadAsync(key, 100, 24_000, CancellationToken.None);
            Assert.Equal(20, history.Count);
            for (var i = 0; i < history.Count; i += 2)
            {
                Assert.Equal(SessionTurn.User, history[i].Role);
                Assert.Equal("a" + history[i].Text[1..], history[i + 1].Text);
            }

            var stats = await _store.GetStatsAsync(key, CancellationToken.None);
            Assert.Equal((20, 10L, 10L), (stats.Messages, stats.InputTokens, stats.OutputTokens));
        }
    }
}
