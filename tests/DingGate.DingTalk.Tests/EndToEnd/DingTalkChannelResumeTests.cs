using DingGate.Core.Storage;
using DingGate.DingTalk.Tests.Support;
using DingGate.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.DingTalk.Tests.EndToEnd;

public sealed class DingTalkChannelResumeTests
{
    [Fact]
    public async Task Start_UnfinishedJournalEntryFromPreviousRun_IsResumedOnceEvenWhenDingTalkRedeliversIt()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        // A previous run journaled (and ACKed) this message, then died before handling it; DingTalk also pushes it again.
        var injected = await emu.InjectTextAsync("left over from the last run");
        var payload = injected["payload"]!.ToJsonString();
        var msgId = injected["msgId"]!.GetValue<string>();
        await using (var previous = new ServiceCollection().AddSingleton<TimeProvider>(emu.Time).AddSqliteStorage(state.Path).BuildServiceProvider())
        {
            var journal = previous.GetRequiredService<IInboundJournal>();
            Assert.True(await journal.AppendAsync(
                new InboundJournalEntry("default", msgId, "/v1.0/im/bot/messages/get", payload, emu.Time.GetUtcNow()), CancellationToken.None));
        }

        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        await channel.Handler.WaitForAsync(m => m.MessageId == msgId);
        await emu.InjectTextAsync("marker");
        await channel.Handler.WaitForAsync(m => m.Text == "marker");

        Assert.Single(channel.Handler.Messages, m => m.MessageId == msgId);
        var entry = await channel.Get<IInboundJournal>().FindAsync("default", msgId, CancellationToken.None);
        Assert.Equal(InboundState.Answered, entry!.State);
    }

    [Fact]
    public async Task Handler_Throws_EntryMarkedFailedAndLoopGoesOn()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        channel.Handler.FailOn = text => text == "boom";

        var boom = await emu.InjectTextAsync("boom");
        await emu.InjectTextAsync("fine");
        await channel.Handler.WaitForAsync(m => m.Text == "fine");

        var entry = await channel.Get<IInboundJournal>().FindAsync("default", boom["msgId"]!.GetValue<string>(), CancellationToken.None);
        Assert.Equal(InboundState.Failed, entry!.State);
        Assert.Contains("boom handler", entry.Detail, StringComparison.Ordinal);
        var told = emu.Calls("/robot/sendBySession").Select(c => c.RequestBody ?? string.Empty).ToList();
        Assert.Contains(told, body => body.Contains("回答出错", StringComparison.Ordinal));
    }
}
