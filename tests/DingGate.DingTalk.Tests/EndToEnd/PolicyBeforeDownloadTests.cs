using System.Text;
using DingGate.Core.Configuration;
using DingGate.Core.Storage;
using DingGate.DingTalk.Tests.Support;
using DingGate.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.DingTalk.Tests.EndToEnd;

/// <summary>
/// The access policy is decided from the payload before anything is fetched: a denied, ignored or pairing sender's
/// files cause no download call on the wire (the emulator's recorded traffic) and nothing under the media folder,
/// while an allowed sender's file in the same setup is downloaded (the control that the test can see a download).
/// </summary>
public sealed class PolicyBeforeDownloadTests
{
    private const string DownloadRoute = "/v1.0/robot/messageFiles/download";

    public static TheoryData<string, string, string> Refused => new()
    {
        // policy, refused sender's conversation, allowed sender (in a DM)
        { "allowlist-dm", "dm", "user001" },
        { "pairing-dm", "dm", "user001" },
        { "allowlist-group", DingTalkTestEmulator.GroupId, "user001" },
        { "disabled-group", DingTalkTestEmulator.GroupId, "user001" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task RefusedSendersFile_IsNeverDownloaded_AllowedSendersIs(string policy, string conversation, string allowed)
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path, s => Configure(s, policy));

        var refused = await InjectFileAsync(emu, "user002", conversation, "secret-plan.pdf");
        var refusedKey = refused["msgId"]!.GetValue<string>();
        var entry = await WaitFinishedAsync(channel, refusedKey);
        var downloadsAfterRefused = emu.Calls(DownloadRoute).Count + emu.Calls("/_files/").Count;
        var mediaAfterRefused = MediaFiles(state.Path);

        var ok = await InjectFileAsync(emu, allowed, "dm", "allowed.pdf");
        var handled = await channel.Handler.WaitForAsync(m => m.MessageId == ok["msgId"]!.GetValue<string>());

        Assert.Equal(0, downloadsAfterRefused);
        Assert.Empty(mediaAfterRefused);
        Assert.Equal(InboundState.Answered, entry.State);
        Assert.Contains("1 attachment(s) not downloaded", entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(channel.Handler.Messages, m => m.MessageId == refusedKey);
        Assert.True(File.Exists(Assert.Single(handled.Attachments).LocalPath));
        Assert.Single(emu.Calls(DownloadRoute));
    }

    [Fact]
    public async Task PairingSender_GetsCodeButNoDownload_ThenAfterApprovalTheirFileIsDownloaded()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path, s => s.DmPolicy = DmPolicy.Pairing);

        var first = await InjectFileAsync(emu, "user003", "dm", "first.docx");
        var entry = await WaitFinishedAsync(channel, first["msgId"]!.GetValue<string>());
        var pending = Assert.Single(await channel.Get<IPairingStore>().ListPendingAsync(DingTalkChannelSettings.DefaultAccountId, emu.Time.GetUtcNow(), CancellationToken.None));
        var downloadsWhilePairing = emu.Calls(DownloadRoute).Count;
        var mediaWhilePairing = MediaFiles(state.Path);
        await channel.Channel.ApprovePairingAsync(DingTalkChannelSettings.DefaultAccountId, pending.Code, CancellationToken.None);
        var second = await InjectFileAsync(emu, "user003", "dm", "second.docx");
        var handled = await channel.Handler.WaitForAsync(m => m.MessageId == second["msgId"]!.GetValue<string>());

        Assert.StartsWith("policy: PairingIssued; 1 attachment(s) not downloaded", entry.Detail, StringComparison.Ordinal);
        Assert.Equal(0, downloadsWhilePairing);
        Assert.Empty(mediaWhilePairing);
        Assert.Equal("second.docx", Assert.Single(handled.Attachments).FileName);
        Assert.Single(emu.Calls(DownloadRoute));
    }

    [Fact]
    public async Task DeniedFileLeftUnfinishedByACrash_IsAnsweredOnceAtStartWithoutDownload()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        // A previous run journaled (and ACKed) a denied sender's file, started on it and died before the policy reply.
        var injected = await InjectFileAsync(emu, "user002", "dm", "left-over.pdf");
        var msgId = injected["msgId"]!.GetValue<string>();
        await using (var previous = new ServiceCollection().AddSingleton<TimeProvider>(emu.Time).AddSqliteStorage(state.Path).BuildServiceProvider())
        {
            var journal = previous.GetRequiredService<IInboundJournal>();
            await journal.AppendAsync(new InboundJournalEntry("default", msgId, "/v1.0/im/bot/messages/get", injected["payload"]!.ToJsonString(), emu.Time.GetUtcNow()), CancellationToken.None);
            await journal.MarkAsync("default", msgId, InboundState.Processing, null, CancellationToken.None);
        }

        await using var channel = await ChannelHarness.StartAsync(emu, state.Path, s =>
        {
            s.DmPolicy = DmPolicy.Allowlist;
            s.AllowFrom = ["user001"];
            s.Locale = "en";
        });
        var entry = await WaitFinishedAsync(channel, msgId);
        await InjectFileAsync(emu, "user001", "dm", "marker.pdf");
        await channel.Handler.WaitForAsync(m => m.Sender.StaffId == "user001");

        Assert.Equal(InboundState.Answered, entry.State);
        Assert.StartsWith("policy: Deny; 1 attachment(s) not downloaded", entry.Detail, StringComparison.Ordinal);
        Assert.Single(emu.Calls("/robot/sendBySession"), c => c.RequestBody.Contains("not enabled", StringComparison.Ordinal));
        Assert.Single(emu.Calls(DownloadRoute)); // the allowed marker only
        Assert.DoesNotContain(channel.Handler.Messages, m => m.MessageId == msgId);
    }

    private static void Configure(DingTalkChannelSettings s, string policy)
    {
        switch (policy)
        {
            case "allowlist-dm":
                s.DmPolicy = DmPolicy.Allowlist;
                s.AllowFrom = ["user001"];
                break;
            case "pairing-dm":
                s.DmPolicy = DmPolicy.Pairing;
                s.AllowFrom = ["user001"];
                break;
            case "allowlist-group":
                s.GroupPolicy = GroupPolicy.Allowlist;
                break;
            case "disabled-group":
                s.GroupPolicy = GroupPolicy.Disabled;
                break;
        }
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> InjectFileAsync(DingTalkTestEmulator emu, string from, string conversation, string fileName) =>
        (await emu.ControlAsync(HttpMethod.Post, "/_emulator/messages", new
        {
            clientId = DingTalkTestEmulator.ClientId,
            from,
            conversation,
            // Bots get no files in groups (only pictures), so a group sender sends a picture.
            msgtype = conversation == "dm" ? "file" : "picture",
            file = new { name = fileName, contentType = conversation == "dm" ? "application/octet-stream" : "image/png", contentBase64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("PK fake " + fileName)) },
        }))!;

    private static async Task<InboundJournalEntry> WaitFinishedAsync(ChannelHarness channel, string messageKey)
    {
        var journal = channel.Get<IInboundJournal>();
        InboundJournalEntry? entry = null;
        await TestWait.UntilAsync(
            async () => (entry = await journal.FindAsync(DingTalkChannelSettings.DefaultAccountId, messageKey, CancellationToken.None))
                is { State: InboundState.Answered or InboundState.Failed },
            "the message is finished in the journal");
        return entry!;
    }

    private static string[] MediaFiles(string stateDirectory)
    {
        var media = Path.Combine(stateDirectory, "media");
        return Directory.Exists(media) ? Directory.GetFileSystemEntries(media, "*", SearchOption.AllDirectories) : [];
    }
}
