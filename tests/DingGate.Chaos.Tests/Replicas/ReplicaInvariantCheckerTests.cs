using DingGate.Chaos.Replicas;
using DingGate.Chaos.Verdict;

namespace DingGate.Chaos.Tests.Replicas;

// The cluster verdict must be able to fail: each defect several replicas could cause, planted in a hand-built record,
// breaks exactly its invariant.
public sealed class ReplicaInvariantCheckerTests
{
    private const string Order = "each user's answers in the order asked";
    private const string Forbidden = "0 QPS 403s from DingTalk (the replicas share the per-app buckets)";
    private const string History = "the model saw each user's earlier turns, in order, whichever replica answered";
    private const string Takeover = "a replica killed for good: each message it held answered exactly once within 120 s";

    [Fact]
    public void Check_TwoUsersAnsweredInOrderWithFullHistory_EveryInvariantHolds()
    {
        var verdict = Correct().Check();

        Assert.Empty(Failing(verdict));
        Assert.Equal([Order, Forbidden, History], verdict.Cluster.Select(i => i.Name));
        Assert.All(verdict.Cluster, i => Assert.Equal(InvariantStatus.Holds, i.Status));
    }

    [Fact]
    public void Check_SecondMessageAnsweredBeforeTheFirst_OrderFails()
    {
        var verdict = new ReplicaRecordBuilder()
            .Asks("u1", 1).Asks("u1", 2).Answered("u1", 2).Answered("u1", 1).ModelSaw(1).ModelSaw(2, 1)
            .Check();

        Assert.Equal([Order], Failing(verdict));
        Assert.Contains("asked cx000001 cx000002, answered cx000002 cx000001", Detail(verdict, Order), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CardsFinishedOutOfOrder_OrderFails()
    {
        var verdict = new ReplicaRecordBuilder()
            .Asks("u1", 1, card: true).Asks("u1", 2, card: true).Answered("u1", 2, card: true).Answered("u1", 1, card: true).ModelSaw(1).ModelSaw(2, 1)
            .Check();

        Assert.Equal([Order], Failing(verdict));
    }

    [Fact]
    public void Check_CardThenMarkdownFallbackInTheTimeline_OrderHolds()
    {
        // The first answer was a card, the second fell back to a markdown message: shown 1 then 2. Read as "messages,
        // then cards" (no timeline) the same record looks reversed.
        var timeline = new ReplicaRecordBuilder().WithTimeline()
            .Asks("u1", 1, card: true).Asks("u1", 2, card: true).Answered("u1", 1, card: true).Answered("u1", 2).ModelSaw(1).ModelSaw(2, 1)
            .Check();
        var concatenated = new ReplicaRecordBuilder()
            .Asks("u1", 1, card: true).Asks("u1", 2, card: true).Answered("u1", 1, card: true).Answered("u1", 2).ModelSaw(1).ModelSaw(2, 1)
            .Check();

        Assert.Empty(Failing(timeline));
        Assert.Equal([Order], Failing(concatenated));
    }

    [Fact]
    public void Check_TimelineShowsTheSecondCardFirst_OrderFailsNamingWhereEachWasShown()
    {
        var verdict = new ReplicaRecordBuilder().WithTimeline()
            .Asks("u1", 1, card: true).Asks("u1", 2, card: true).Answered("u1", 2, card: true).Answered("u1", 1).ModelSaw(1).ModelSaw(2, 1)
            .Check();

        Assert.Equal([Order], Failing(verdict));
        Assert.Contains("answered cx000002 cx000001 [cx000002@card#1", Detail(verdict, Order), StringComparison.Ordinal);
        Assert.Contains("cx000001@markdown#2", Detail(verdict, Order), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EarlierMessageRedeliveredAfterTheLaterWasAnswered_OrderAndHistoryExcusedAndCounted()
    {
        // Message 1 went to the replica that died before it ACKed; DingTalk pushed it again 5 s later, after message 2
        // was answered (without it in the history).
        var verdict = new ReplicaRecordBuilder()
            .Asks("u1", 1).Asks("u1", 2).Answered("u1", 2).Answered("u1", 1).ModelSaw(2).ModelSaw(1, 2).Redelivered(1)
            .Check();

        Assert.Empty(Failing(verdict));
        Assert.Contains("1 excused", Detail(verdict, Order), StringComparison.Ordinal);
        Assert.Contains("cx000001 was redelivered", Detail(verdict, Order), StringComparison.Ordinal);
        // Message 2 ran without 1, and 1 ran with 2 before it: both requests excused.
        Assert.Contains("2 excused", Detail(verdict, History), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_LaterMessageRedeliveredButTheEarlierAnsweredLate_OrderStillFails()
    {
        // The redelivered message is the later one: it does not explain why the earlier one came after it.
        var verdict = new ReplicaRecordBuilder()
            .Asks("u1", 1).Asks("u1", 2).Answered("u1", 2).Answered("u1", 1).ModelSaw(1).ModelSaw(2, 1).Redelivered(2)
            .Check();

        Assert.Equal([Order], Failing(verdict));
    }

    [Fact]
    public void Check_RedeliveredEarlierTurnDoubledInTheHistory_HistoryStillFails()
    {
        var verdict = new ReplicaRecordBuilder()
            .Turn("u1", 1).Asks("u1", 2).Answered("u1", 2).ModelSaw(2, 1, 1).Redelivered(1)
            .Check();

        Assert.Equal([History], Failing(verdict));
    }

    [Fact]
    public void Check_ReplicaAnsweredWithoutTheUsersEarlierTurn_HistoryFails()
    {
        // The second replica had its own history: the model never saw cx000001 when answering cx000002.
        var verdict = new ReplicaRecordBuilder().Turn("u1", 1).Turn("u1", 2).Check();

        Assert.Equal([History], Failing(verdict));
        Assert.Contains("cx000002 (u1): expected [cx000001], the model saw []", Detail(verdict, History), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_HistoryOutOfOrderOrDoubled_HistoryFails()
    {
        var swapped = new ReplicaRecordBuilder().Turn("u1", 1).Turn("u1", 2, 1).Turn("u1", 3, 2, 1).Check();
        var doubled = new ReplicaRecordBuilder().Turn("u1", 1).Turn("u1", 2, 1, 1).Check();

        Assert.Equal([History], Failing(swapped));
        Assert.Equal([History], Failing(doubled));
    }

    [Fact]
    public void Check_RetriedRequestCarryingTheCurrentMessage_HistoryHolds()
    {
        // A turn resumed after a kill may find its own message already stored: that is not a wrong history.
        var verdict = new ReplicaRecordBuilder().Turn("u1", 1).Turn("u1", 2, 1).ModelSaw(2, 1, 2).Check();

        Assert.Empty(Failing(verdict));
    }

    [Fact]
    public void Check_A403FromDingTalk_ForbiddenFails()
    {
        var verdict = Correct().Status(403, 2).Check();

        Assert.Equal([Forbidden], Failing(verdict));
        Assert.Equal(2, verdict.Forbidden);
    }

    [Fact]
    public void Check_HeldMessagesAnsweredOnceInTime_TakeoverHolds()
    {
        var verdict = Correct().Held([1, 3], new Dictionary<int, double> { [1] = 65, [3] = 70 }).Check();

        Assert.Empty(Failing(verdict));
        Assert.Equal(2, verdict.HeldCount);
        Assert.Contains("slowest 70 s", Detail(verdict, Takeover), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_HeldMessageNeverTakenOver_TakeoverAndLostFail()
    {
        var verdict = new ReplicaRecordBuilder().Turn("u1", 1).Asks("u1", 2).ModelSaw(2, 1)
            .Held([2], new Dictionary<int, double>()).Check();

        Assert.Equal(["0 lost: every message that reached the gateway was answered", Takeover], Failing(verdict));
    }

    [Fact]
    public void Check_HeldMessageAnsweredAfterTheDeadline_TakeoverFails()
    {
        var verdict = Correct().Held([1], new Dictionary<int, double> { [1] = 121 }).Check();

        Assert.Equal([Takeover], Failing(verdict));
    }

    [Fact]
    public void Check_HeldMessageAnsweredByTwoReplicas_TakeoverAndDuplicatedFail()
    {
        var verdict = Correct().Answered("u1", 1).Held([1], new Dictionary<int, double> { [1] = 30 }).Check();

        Assert.Equal(["0 duplicated: no message answered twice", Takeover], Failing(verdict));
    }

    [Fact]
    public void Check_KilledReplicaHeldNothing_TakeoverFailsAsUntested()
    {
        var verdict = Correct().Held([], new Dictionary<int, double>()).Check();

        Assert.Equal([Takeover], Failing(verdict));
        Assert.Contains("nothing was tested", Detail(verdict, Takeover), StringComparison.Ordinal);
    }

    private static ReplicaRecordBuilder Correct() => new ReplicaRecordBuilder()
        .Turn("u1", 1).Turn("u2", 2).Turn("u1", 3, 1).Turn("u2", 4, 2).Turn("u1", 5, 1, 3);

    private static List<string> Failing(ReplicaVerdict verdict) =>
        verdict.All.Where(i => i.Status == InvariantStatus.Fails).Select(i => i.Name).ToList();

    private static string Detail(ReplicaVerdict verdict, string name) => verdict.All.Single(i => i.Name == name).Detail;
}
