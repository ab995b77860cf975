using DingGate.Core.Storage;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.EndToEnd;

/// <summary>
/// A redelivery that arrives after retention purged the first copy's (finished) journal row while its dedup mark still
/// lives: the new row is closed as a duplicate at once, so the next start does not resume it and answer a second time.
/// </summary>
public sealed class RedeliveryAfterPurgeTests
{
    [Fact]
    public async Task RedeliveryAfterTheJournalRowWasPurged_IsClosedAsDuplicateAndNotAnsweredAgainAfterARestart()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await emu.ControlAsync(HttpMethod.Put, "/_emulator/faults/stream", new { ignoreAcks = true });
        string key;
        await using (var first = await ChannelHarness.StartAsync(emu, state.Path))
        {
            key = (await emu.InjectTextAsync("answer me once"))["msgId"]!.GetValue<string>();
            await TestWait.UntilAsync(() => emu.Calls("/robot/sendBySession").Count == 1, "the answer is delivered");
            var journal = first.Get<IInboundJournal>();
            await TestWait.UntilAsync(
                async () => (await journal.FindAsync(first.Channel.Statuses[0].AccountId, key, CancellationToken.None))?.State == InboundState.Answered,
                "the entry is answered");

            // Retention deletes the finished row; the dedup mark (24 h) still lives.
            Assert.Equal(1, await journal.PurgeFinishedAsync(emu.Time.GetUtcNow().AddMinutes(1), 100, CancellationToken.None));
            emu.Time.Advance(TimeSpan.FromSeconds(61));
            await TestWait.UntilAsync(
                async () => (await journal.FindAsync(first.Channel.Statuses[0].AccountId, key, CancellationToken.None)) is { State: InboundState.Answered, Detail: not null } entry
                    && entry.Detail.StartsWith("duplicate", StringComparison.Ordinal),
                "the redelivered copy is journaled and closed as a duplicate");
        }

        await using var second = await ChannelHarness.StartAsync(emu, state.Path);
        await emu.InjectTextAsync("marker");
        await second.Handler.WaitForAsync(m => m.Text == "marker");

        Assert.DoesNotContain(second.Handler.Messages, m => m.Text == "answer me once");
    }
}
