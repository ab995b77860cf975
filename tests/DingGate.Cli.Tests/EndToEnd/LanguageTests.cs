using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// channels.dingtalk.locale through the real gateway (issue 16, Languages): the pairing reply, the denial, /help and a
/// card's interrupted note are Chinese by default (<c>zh-CN</c>) and English with <c>en</c>, asserted on what the
/// emulator recorded; the Chinese command aliases work in either locale.
/// </summary>
public sealed partial class LanguageTests
{
    // null: no locale set (the default, zh-CN).
    public static TheoryData<string?> Locales => new() { null, "zh-CN", "en" };

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task Pairing_StrangerDms_CodeReplyInTheLocale(string? locale)
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "不该回答") };
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, s =>
        {
            s.Locale = locale;
            s.DmPolicy = DmPolicy.Pairing;
        });

        var injected = await emu.SendDmAsync("你好", from: "user003");
        var reply = Assert.Single(await BotTextsAsync(emu, injected, 1));

        var code = Code().Match(reply).Groups["code"].Value;
        Assert.Equal(
            locale == "en"
                ? $"Hi! I don't know you yet (your user id: user003). Your pairing code is {code}, valid for 1 hour. Ask the owner to approve it by running: dinggate pairing approve {code}"
                : $"你好！我还不认识你（你的用户 ID：user003）。你的配对码是 {code}，1 小时内有效。请让管理员运行：dinggate pairing approve {code}",
            reply);
        Assert.Equal(8, code.Length);
        Assert.Empty(model.Calls);
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task Allowlist_StrangerDms_DenialInTheLocale(string? locale)
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "不该回答") };
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, s =>
        {
            s.Locale = locale;
            s.DmPolicy = DmPolicy.Allowlist;
            s.AllowFrom = ["user001"];
        });

        var injected = await emu.SendDmAsync("让我用一下", from: "user002");

        Assert.Equal(
            locale == "en"
                ? "Sorry, I'm not enabled for you yet. Ask the owner to run: dinggate allow add user002"
                : "抱歉，我还没有为你开通。请让管理员运行：dinggate allow add user002",
            Assert.Single(await BotTextsAsync(emu, injected, 1)));
        Assert.Empty(model.Calls);
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task HelpCommand_ListsTheCommandsInTheLocale(string? locale)
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "不该回答") };
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, s =>
        {
            s.Locale = locale;
            s.MessageType = "markdown";
        });

        await emu.SendDmAsync("/help");
        await TestWait.UntilAsync(async () => (await Wire.MessagesAsync(emu)).Count > 0, "the /help reply");
        var help = Wire.WebhookText(Assert.Single(await Wire.MessagesAsync(emu)).Body);

        if (locale == "en")
        {
            Assert.StartsWith("**Commands**\n\n- `/new` (`/新对话`) — start over: clear the history and usage\n", help, StringComparison.Ordinal);
            Assert.Contains("- `/stop` (`/停止`) — stop the answer being written", help, StringComparison.Ordinal);
            Assert.Contains("**Owner commands**", help, StringComparison.Ordinal);
            Assert.Contains("- `/approve CODE` (`/批准`) — approve a pairing request", help, StringComparison.Ordinal);
            Assert.DoesNotContain("可用命令", help, StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith("**可用命令**\n\n- `/new`（`/新对话`） — 开始新对话，清除上下文和用量\n", help, StringComparison.Ordinal);
            Assert.Contains("- `/stop`（`/停止`） — 停止当前回答", help, StringComparison.Ordinal);
            Assert.Contains("直接发送“停止”也会停止当前回答。", help, StringComparison.Ordinal);
            Assert.Contains("**管理员命令**", help, StringComparison.Ordinal);
            Assert.Contains("- `/approve CODE`（`/批准`） — 批准配对请求", help, StringComparison.Ordinal);
            Assert.DoesNotContain("Commands", help, StringComparison.Ordinal);
        }

        Assert.Empty(model.Calls);
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task GracefulStop_ShutdownTimeoutPasses_CardsInterruptedNoteInTheLocale(string? locale)
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var never = new TaskCompletionSource();
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "前半，", never.Task, "不会出现") };
        var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, s => s.Locale = locale, shutdownTimeout: TimeSpan.FromMilliseconds(300));
        await emu.SendDmAsync("写一段很长的话");
        var cardId = await Wire.WaitForCardAsync(emu, 1);
        await model.WaitForCallAsync(1);

        await gateway.StopAsync();

        var card = await emu.CardAsync(cardId);
        Assert.True((bool)card["finalized"]!);
        Assert.Equal(
            locale == "en"
                ? "前半，\n\n> ⚠️ The answer was interrupted (the gateway stopped or restarted); it will be answered again shortly."
                : "前半，\n\n> ⚠️ 回答被中断（网关停止或重启），稍后会重新回答。",
            Wire.CardContent(card));
    }

    [Theory]
    [InlineData(null, "🆕 已开始新对话，之前的上下文和用量已清除。")]
    [InlineData("en", "🆕 New session: the history and usage were cleared.")]
    public async Task ChineseNewAlias_ClearsTheSessionLikeNew(string? locale, string cleared)
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "回答" + call.Index) };
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, s =>
        {
            s.Locale = locale;
            s.MessageType = "markdown";
        });

        var first = await emu.SendDmAsync("记住：暗号是蓝鲸");
        await gateway.WaitForDmHistoryAsync(first, 2);
        await emu.SendDmAsync("／新对话");
        await gateway.WaitForDmHistoryAsync(first, 0);
        await emu.SendDmAsync("暗号是什么？");
        var afterNew = await model.WaitForCallAsync(2);
        await gateway.WaitForDmHistoryAsync(first, 2);

        Assert.Equal("暗号是什么？", afterNew.UserText);
        Assert.Empty(afterNew.History);
        var texts = (await Wire.MessagesAsync(emu)).Select(c => Wire.WebhookText(c.Body)).ToList();
        Assert.Equal(["回答0", cleared, "回答1"], texts);
    }

    // The texts the bot sent into the conversation of injected, as the emulator's conversation record shows them.
    private static async Task<IReadOnlyList<string>> BotTextsAsync(EmulatorUnderTest emu, JsonObject injected, int atLeast)
    {
        var path = "/_emulator/conversations/" + Uri.EscapeDataString((string)injected["conversationId"]!);
        List<string> texts = [];
        await TestWait.UntilAsync(
            async () =>
            {
                var entries = (await emu.SendAsync(HttpMethod.Get, path))!.AsArray();
                texts = [.. entries.Select(e => e!).Where(e => (bool)e["fromBot"]!)
                    .Select(e => (string?)e["content"]?["content"] ?? (string?)e["content"]?["text"] ?? (string?)e["text"] ?? e.ToJsonString())];
                return texts.Count >= atLeast;
            },
            $"{atLeast} bot message(s)");
        return texts;
    }

    [GeneratedRegex("approve (?<code>[A-Z0-9]{8})$")]
    private static partial Regex Code();
}
