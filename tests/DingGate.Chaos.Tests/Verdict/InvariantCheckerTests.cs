using DingGate.Chaos.Verdict;

namespace DingGate.Chaos.Tests.Verdict;

// The verdict must be able to fail: each fault the suite hunts for, planted in a hand-built record, breaks exactly its invariant.
public sealed class InvariantCheckerTests
{
    [Fact]
    public void Check_EveryMessageAnsweredOnceCardsFinishedReactionsRecalled_EveryInvariantHolds()
    {
        var verdict = new RecordBuilder().Markdown(1).Markdown(2).Card(3).Card(4).Markdown(5).Check();

        Assert.All(verdict.Invariants, i => Assert.Equal(InvariantStatus.Holds, i.Status));
        Assert.Equal((5, 0, 0, 3, 3), (verdict.Messages, verdict.Lost, verdict.Duplicated, verdict.ReactionsShown, verdict.ReactionsRecalled));
    }

    [Fact]
    public void Check_MarkdownAnswerSentTwice_DuplicatedFails()
    {
        var verdict = new RecordBuilder().Markdown(1).Markdown(2).BotSays(2, RecordBuilder.Answer(2)).Check();

        Assert.Equal(1, verdict.Duplicated);
        Assert.Equal(["0 duplicated: no message answered twice"], Failing(verdict));
    }

    [Fact]
    public void Check_NoAnswer_LostFailsAndTheReactionStaysUnrecalled()
    {
        var verdict = new RecordBuilder().Markdown(1).Markdown(2, answered: false).Check();

        Assert.Equal(1, verdict.Lost);
        Assert.Equal(["0 lost: every message that reached the gateway was answered", "every thinking reaction shown is recalled"], Failing(verdict));
        Assert.Contains("cx000002", verdict.Invariants[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_PushNeverTakenByTheGateway_CountedApartNotAsLost()
    {
        var verdict = new RecordBuilder().Markdown(1).NeverDelivered(2).Check();

        Assert.Equal((0, 1), (verdict.Lost, verdict.NotDeliveredByDingTalk));
        Assert.Equal(["every message reached the gateway (harness: DingTalk delivered every push)"], Failing(verdict));
    }

    [Fact]
    public void Check_PushTakenLaterButGoneFromTheEmulatorsList_AnswerProvesItReachedTheGateway()
    {
        var verdict = new RecordBuilder().Markdown(1).NeverDelivered(2).BotSays(2, RecordBuilder.Answer(2)).Check();

        Assert.Equal((0, 0, 2), (verdict.Lost, verdict.NotDeliveredByDingTalk, verdict.Answered));
        Assert.All(verdict.Invariants, i => Assert.Equal(InvariantStatus.Holds, i.Status));
    }

    [Fact]
    public void Check_InterruptedCardThenASecondCard_OneCardPerMessageFails()
    {
        var verdict = new RecordBuilder().Card(1).CardShows(1, RecordBuilder.Partial(1) + " (interrupted)").Check();

        Assert.Equal((0, 1), (verdict.Duplicated, verdict.ExtraCards));
        Assert.Equal(["one card per message"], Failing(verdict));
    }

    [Fact]
    public void Check_TwoFinishedCardsWithTheAnswer_DuplicatedAndTwoCards()
    {
        var verdict = new RecordBuilder().Card(1).CardShows(1, RecordBuilder.Answer(1)).Check();

        Assert.Equal(["0 duplicated: no message answered twice", "one card per message"], Failing(verdict));
    }

    [Fact]
    public void Check_CardLeftSpinning_FinalizedFailsAndTheMessageIsLost()
    {
        var verdict = new RecordBuilder().Card(1).Card(2, state: "INPUTING", spinning: true).Check();

        Assert.Equal((1, 1), (verdict.SpinningCards, verdict.Lost));
        Assert.Equal(["0 lost: every message that reached the gateway was answered", "every card finalized (FINISHED or FAILED, not spinning)"], Failing(verdict));
    }

    [Fact]
    public void Check_CardFailedWithTheAnswerInIt_FinalizedButTheMessageIsLost()
    {
        var verdict = new RecordBuilder().Card(1, state: "FAILED").Check();

        Assert.Equal(["0 lost: every message that reached the gateway was answered"], Failing(verdict));
    }

    [Fact]
    public void Check_CardNamingNoMessage_OneCardPerMessageFails()
    {
        var verdict = new RecordBuilder().Card(1).CardShows(9, "思考中…").Check();

        Assert.Equal(["one card per message"], Failing(verdict));
    }

    [Fact]
    public void Check_PartialOrStrayBotMessage_StrayFails()
    {
        var verdict = new RecordBuilder().Markdown(1).BotSays(1, RecordBuilder.Partial(1)).BotSays(1, "处理中断，请重试").Check();

        Assert.Equal(2, verdict.StrayMessages);
        Assert.Equal(["no partial or stray bot messages"], Failing(verdict));
    }

    [Fact]
    public void Check_AnswerInAnotherConversation_MisroutedFails()
    {
        var verdict = new RecordBuilder().Markdown(1, answered: false).BotSays(1, RecordBuilder.Answer(1), conversation: "cidElsewhere").Check();

        Assert.Contains("answers land in the message's conversation", Failing(verdict));
    }

    [Fact]
    public void Check_RecalledDuplicate_NotCountedAsAnAnswer()
    {
        var verdict = new RecordBuilder().Markdown(1).BotSays(1, RecordBuilder.Answer(1), recalled: true).Check();

        Assert.Equal(0, verdict.Duplicated);
    }

    [Fact]
    public void Check_OutboxMissingOrUndelivered_NotCheckedOrFails()
    {
        var missing = new RecordBuilder().Markdown(1).Outbox(OutboxProbeResult.Missing("no outbox command")).Check();
        var pending = new RecordBuilder().Markdown(1).Outbox(new OutboxProbeResult(true, 3, 1, "one pending")).Check();

        Assert.Equal(InvariantStatus.NotChecked, missing.Invariants.Single(i => i.Name == OutboxInvariant).Status);
        Assert.Equal([OutboxInvariant], Failing(pending));
    }

    [Fact]
    public void Check_OutboxEntryHeldAmbiguousWhileItsAnswerIsShown_Holds()
    {
        var held = new OutboxProbeResult(true, 2, 0, "read") { Held = [new HeldOutboxEntry("markdown", "7", RecordBuilder.Answer(1))] };

        var verdict = new RecordBuilder().Markdown(1).Outbox(held).Check();

        Assert.Empty(Failing(verdict));
    }

    [Fact]
    public void Check_OutboxEntryHeldAmbiguousWithItsAnswerNotShown_OutboxAndLostFail()
    {
        var held = new OutboxProbeResult(true, 2, 0, "read") { Held = [new HeldOutboxEntry("markdown", "7", RecordBuilder.Answer(2))] };

        var verdict = new RecordBuilder().Markdown(1).Markdown(2, answered: false).Outbox(held).Check();

        Assert.Contains(OutboxInvariant, Failing(verdict));
        Assert.Contains("markdown: 7", verdict.Invariants.Single(i => i.Name == OutboxInvariant).Detail, StringComparison.Ordinal);
    }

    private const string OutboxInvariant = "every outbox entry delivered (or held ambiguous with its answer shown)";

    private static List<string> Failing(ChaosVerdict verdict) => verdict.Invariants.Where(i => i.Status == InvariantStatus.Fails).Select(i => i.Name).ToList();
}
