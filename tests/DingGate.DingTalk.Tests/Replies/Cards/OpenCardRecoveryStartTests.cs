using DingGate.Core.Storage;
using DingGate.DingTalk.Replies.Cards;
using DingGate.DingTalk.Tests.Support;
using DingGate.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.DingTalk.Tests.Replies.Cards;

// The channel finalizes the cards the previous run left open when the account starts, before it connects the stream.
public sealed class OpenCardRecoveryStartTests
{
    [Fact]
    public async Task Start_OpenCardFromPreviousRun_FinalizedBeforeTheStreamConnects()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync(o => o.PingInterval = TimeSpan.Zero);
        using var state = new TempDirectory();
        var cards = new AiCardClient(emu.Account(), emu.CreateClient());
        await cards.CreateAndDeliverAsync(new CardTarget(false, "user001", null, null), "card_crash", new Dictionary<string, string>(), null, CancellationToken.None);
        await cards.StreamAsync("card_crash", "half", isFinalize: false, isError: false, null, CancellationToken.None);
        await using (var previous = new ServiceCollection().AddSingleton<TimeProvider>(emu.Time).AddSqliteStorage(state.Path).BuildServiceProvider())
        {
            await previous.GetRequiredService<IOpenCardStore>().AddAsync(
                new OpenCard
                {
                    AccountId = "default", OutTrackId = "card_crash", ConversationId = "user001", MessageKey = "msg-1", OwnerUserId = "user001",
                    Content = "half", CreatedAt = emu.Time.GetUtcNow(), UpdatedAt = emu.Time.GetUtcNow(),
                },
                CancellationToken.None);
        }

        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);

        var card = await emu.ControlAsync(HttpMethod.Get, "/_emulator/cards/card_crash");
        Assert.Equal("FINISHED", card!["state"]!.GetValue<string>());
        Assert.Equal("half\n\n> ⚠️ 回答被中断（网关停止或重启），稍后会重新回答。", card["streamingContent"]!["msgContent"]!.GetValue<string>());
        Assert.Empty(await channel.Get<IOpenCardStore>().ListAsync("default", CancellationToken.None));
        var calls = emu.Recorder.HttpCalls.ToList();
        var finalize = calls.FindLastIndex(c => c.Path == "/v1.0/card/streaming");
        var register = calls.FindIndex(c => c.Path == "/v1.0/gateway/connections/open");
        Assert.True(finalize >= 0 && finalize < register, $"finalize call #{finalize}, stream registration #{register}");
    }
}
