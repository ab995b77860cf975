using System.Security.Cryptography;
using System.Text;
using DingGate.Agent.Tests.Support;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.Core.Storage;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// Retention in the running gateway (default settings, the emulator's fake clock): the media a user sent is deleted
/// once its message was answered 24 h ago, and kept for as long as the message is unfinished.
/// </summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task Media_IsDeleted24HoursAfterTheAnswer_AndKeptWhileTheMessageIsUnfinished()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var release = new TaskCompletionSource();
        var model = new ScriptedChatClient
        {
            Script = call => call.Index == 0
                ? ScriptedChatClient.Steps(call.Token, "第一张收到。")
                : ScriptedChatClient.Steps(call.Token, release.Task, "第二张也收到。"),
        };
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, s => s.MessageType = "markdown");
        var journal = gateway.Services.GetRequiredService<IInboundJournal>();
        var time = emu.Time!;

        var answered = await SendPictureAsync(emu, "user001");
        await WaitForStateAsync(emu, journal, answered, InboundState.Answered);
        var running = await SendPictureAsync(emu, "user002");
        await model.WaitForCallAsync(2);
        var answeredMedia = MediaFolder(state.Path, answered);
        var runningMedia = MediaFolder(state.Path, running);
        Assert.True(Directory.Exists(answeredMedia) && Directory.Exists(runningMedia), "both pictures were downloaded");

        // 23 h later (a pass every hour on the fake clock): the answer is not 24 h old yet, everything stays.
        await AdvanceHoursAsync(time, 23);
        Assert.True(Directory.Exists(answeredMedia) && Directory.Exists(runningMedia));

        // Past 24 h: the answered message's media goes in the next pass; the unfinished one's stays.
        await AdvanceHoursAsync(time, 2);
        await TestWait.UntilAsync(() => { time.Advance(TimeSpan.FromMinutes(1)); return !Directory.Exists(answeredMedia); }, "the answered message's media deleted");
        Assert.True(Directory.Exists(runningMedia), "media of an unfinished message is kept");
        Assert.Equal(InboundState.Processing, (await journal.FindAsync(DingTalkChannelSettings.DefaultAccountId, running, CancellationToken.None))!.State);

        // Once the second message is answered, its media lives 24 h more and then goes too.
        release.SetResult();
        await WaitForStateAsync(emu, journal, running, InboundState.Answered);
        await AdvanceHoursAsync(time, 23);
        Assert.True(Directory.Exists(runningMedia), "kept for 24 h after its answer, not after its receipt");
        await AdvanceHoursAsync(time, 2);
        await TestWait.UntilAsync(() => { time.Advance(TimeSpan.FromMinutes(1)); return !Directory.Exists(runningMedia); }, "the second message's media deleted");
    }

    private static async Task<string> SendPictureAsync(EmulatorUnderTest emu, string from)
    {
        var injected = await emu.InjectAsync(new
        {
            from, conversation = "dm", msgtype = "picture",
            file = new { name = "photo.png", contentType = "image/png", contentBase64 = Convert.ToBase64String(Fixtures.Png) },
        });
        return (string)injected["payload"]!["msgId"]!;
    }

    // Replies may wait on the fake clock (thinking indicator, rate limiter): nudge it while waiting.
    private static Task WaitForStateAsync(EmulatorUnderTest emu, IInboundJournal journal, string key, InboundState state) =>
        TestWait.UntilAsync(
            async () =>
            {
                emu.Time!.Advance(TimeSpan.FromMilliseconds(100));
                return (await journal.FindAsync(DingTalkChannelSettings.DefaultAccountId, key, CancellationToken.None))?.State == state;
            },
            $"message {key} {state}");

    // Hour by hour, so every retention pass (hourly by default) runs; each pass is given time to finish.
    private static async Task AdvanceHoursAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, int hours)
    {
        for (var i = 0; i < hours; i++)
        {
            time.Advance(TimeSpan.FromHours(1));
            await Task.Delay(20);
        }
    }

    // <state>/media/<account>/<first 24 hex of SHA-256(msgId)>/ (docs/architecture.md).
    private static string MediaFolder(string stateDirectory, string msgId) => Path.Combine(
        stateDirectory, "media", DingTalkChannelSettings.DefaultAccountId, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(msgId)))[..24]);
}
