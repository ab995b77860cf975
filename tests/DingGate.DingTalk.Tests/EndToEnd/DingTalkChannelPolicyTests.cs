using System.Text.RegularExpressions;
using DingGate.Core.Configuration;
using DingGate.Core.Storage;
using DingGate.DingTalk.Policies;
using DingGate.DingTalk.Tests.Support;
using DingGate.Emulator.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.DingTalk.Tests.EndToEnd;

/// <summary>Access policies and pairing through the real channel, with replies asserted on what the emulator recorded.</summary>
public sealed partial class DingTalkChannelPolicyTests
{
    [Fact]
    public async Task Pairing_UnknownSenderGetsCode_ApprovalTellsThemAndLetsNextMessageThrough()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path, s => s.DmPolicy = DmPolicy.Pairing);

        var first = await emu.ControlAsync(HttpMethod.Post, "/_emulator/messages", new { clientId = DingTalkTestEmulator.ClientId, from = "user003", text = "hello?" });
        var conversationId = first!["conversationId"]!.GetValue<string>();
        var codeReply = await WaitForBotTextAsync(emu, conversationId, t => t.Contains("配对码", StringComparison.Ordinal));
        var code = Code().Match(codeReply).Groups["code"].Value;

        var approvedUser = await channel.Channel.ApprovePairingAsync(DingTalkChannelSettings.DefaultAccountId, code.ToLowerInvariant(), CancellationToken.None);
        var approvedNote = await WaitForBotTextAsync(emu, conversationId, t => t.Contains("通过批准", StringComparison.Ordinal));
        await emu.ControlAsync(HttpMethod.Post, "/_emulator/messages", new { clientId = DingTalkTestEmulator.ClientId, from = "user003", text = "now?" });
        var through = await channel.Handler.WaitForAsync(m => m.Text == "now?");

        Assert.Matches("^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$", code);
        Assert.Contains("user003", codeReply, StringComparison.Ordinal);
        Assert.Equal("user003", approvedUser);
        Assert.Equal("你已通过批准！现在可以和我对话了。", approvedNote);
        Assert.DoesNotContain(channel.Handler.Messages, m => m.Text == "hello?");
        Assert.Equal("user003", through.Sender.StaffId);
        Assert.Single(emu.Calls("/v1.0/robot/oToMessages/batchSend"));
    }

    [Fact]
    public async Task Pairing_UnknownCode_ReturnsNullAndSendsNothing()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path, s => s.DmPolicy = DmPolicy.Pairing);

        var result = await channel.Channel.ApprovePairingAsync(DingTalkChannelSettings.DefaultAccountId, "ABCDEFGH", CancellationToken.None);

        Assert.Null(result);
        Assert.Empty(emu.Calls("/v1.0/robot/oToMessages/batchSend"));
        await Assert.ThrowsAsync<ArgumentException>(() => channel.Channel.ApprovePairingAsync("nope", "ABCDEFGH", CancellationToken.None));
    }

    [Fact]
    public async Task Allowlist_DeniedGroupSender_GetsPoliteReplyWithTheirUserIdAndNothingIsHandled()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path, s =>
        {
            s.GroupPolicy = GroupPolicy.Allowlist;
            s.AllowFrom = ["dingtalk:USER001"];
            s.Groups = new Dictionary<string, DingTalkGroupSettings> { ["cidDemoGroup0001=="] = new() };
        });

        await emu.ControlAsync(HttpMethod.Post, "/_emulator/messages", new { clientId = DingTalkTestEmulator.ClientId, from = "user002", conversation = "cidDemoGroup0001==", text = "let me in" });
        var denial = await WaitForBotTextAsync(emu, "cidDemoGroup0001==", t => t.Contains("还没有为你开通", StringComparison.Ordinal));
        await emu.ControlAsync(HttpMethod.Post, "/_emulator/messages", new { clientId = DingTalkTestEmulator.ClientId, from = "user001", conversation = "cidDemoGroup0001==", text = "owner here" });
        await channel.Handler.WaitForAsync(m => m.Text == "owner here");

        Assert.Contains("user002", denial, StringComparison.Ordinal);
        Assert.DoesNotContain(channel.Handler.Messages, m => m.Text == "let me in");
    }

    [Fact]
    public async Task Pairing_MoreStrangersThanTheAccountCap_EveryNewcomerGetsACode_TheOldestCodeExpiresFirst()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path, s => s.DmPolicy = DmPolicy.Pairing);
        var codes = new List<string>();
        var last = string.Empty;
        for (var i = 1; i <= PairingService.MaxPendingPerAccount + 1; i++)
        {
            var user = $"stranger{i:00}";
            await emu.ControlAsync(HttpMethod.Post, "/_emulator/users", new { userId = user, nick = user });
            var sent = await emu.ControlAsync(HttpMethod.Post, "/_emulator/messages", new { clientId = DingTalkTestEmulator.ClientId, from = user, text = "hello?" });
            last = await WaitForBotTextAsync(emu, sent!["conversationId"]!.GetValue<string>(), _ => true);
            codes.Add(Code().Match(last).Groups["code"].Value);
            emu.Time.Advance(TimeSpan.FromSeconds(1)); // the account's 20 calls per second run on this clock
        }

        var oldest = await channel.Channel.ApprovePairingAsync(DingTalkChannelSettings.DefaultAccountId, codes[0], CancellationToken.None);
        var second = await channel.Channel.ApprovePairingAsync(DingTalkChannelSettings.DefaultAccountId, codes[1], CancellationToken.None);

        Assert.Contains("配对码", last, StringComparison.Ordinal);
        Assert.All(codes, c => Assert.Matches("^[A-Z0-9]{8}$", c));
        Assert.Null(oldest);
        Assert.Equal("stranger02", second);
        Assert.Equal(
            PairingService.MaxPendingPerAccount - 1,
            (await channel.Get<IPairingStore>().ListPendingAsync(DingTalkChannelSettings.DefaultAccountId, emu.Time.GetUtcNow(), CancellationToken.None)).Count);
    }

    private static async Task<string> WaitForBotTextAsync(DingTalkTestEmulator emu, string conversationId, Func<string, bool> match)
    {
        var log = emu.Host.Services.GetRequiredService<ConversationLog>();
        string? found = null;
        await TestWait.UntilAsync(
            () => (found = log.For(conversationId).Where(e => e.FromBot).Select(Text).FirstOrDefault(match)) is not null, "the bot's reply");
        return found!;
    }

    private static string Text(ConversationEntry entry) =>
        entry.Content["content"]?.GetValue<string>() ?? entry.Content.ToJsonString();

    [GeneratedRegex("(?:code is|配对码是) (?<code>[A-Z0-9]{8})")]
    private static partial Regex Code();
}
