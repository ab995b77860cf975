using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DingGate.Agent.Prompting;
using DingGate.Emulator;
using Microsoft.Extensions.AI;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DingGate.Cli.Tests.Sandbox;

/// <summary>The sandbox page in a real browser (Debian Chromium through Playwright) against the real sandbox.</summary>
public sealed class SandboxPageTests
{
    private const string Question = "Hi bot, are you there?";
    private static readonly LocatorAssertionsToHaveTextOptions Text = new() { Timeout = SandboxBrowser.Patience };
    private static readonly LocatorAssertionsToContainTextOptions Contains = new() { Timeout = SandboxBrowser.Patience };
    private static readonly LocatorAssertionsToHaveAttributeOptions Attribute = new() { Timeout = SandboxBrowser.Patience };

    // The smallest valid PNG: 1×1, one grey pixel.
    private static readonly byte[] OnePixelPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==");

    private static FixedAnswerChatClient Model() => new("Hello ", "from the ", "**scripted** model. ", "All done.");

    [Fact]
    public async Task DmWithBot_TypedMessage_CardStreamsToFinishedAnswer()
    {
        var model = Model();
        await using var sandbox = await RunningSandbox.StartAsync(model, "en");
        await using var browser = await SandboxBrowser.LaunchAsync();
        var page = await browser.OpenAsync(sandbox.Url);

        await Expect(page.Locator("#sandbox")).ToBeVisibleAsync();
        await page.SelectOptionAsync("#newUser", "user001");
        await page.ClickAsync("#newDm");
        await page.FillAsync("#text", Question);
        await page.Locator("#text").PressAsync("Enter");

        var card = page.Locator(".msg.card");
        await Expect(card).ToHaveAttributeAsync("data-state", "FINISHED", Attribute);
        await Expect(card.Locator(".state")).ToHaveTextAsync("finished", Text);
        await Expect(card.Locator(".body")).ToHaveTextAsync("Hello from the scripted model. All done.", Text);
        await Expect(card.Locator(".body strong")).ToHaveTextAsync("scripted", Text);
        await Expect(card.Locator("[data-click]")).ToHaveCountAsync(0);
        await Expect(page.Locator(".msg.user")).ToContainTextAsync(Question, Contains);
        await Expect(page.Locator("#chatTitle")).ToContainTextAsync("张三", Contains);
        await Expect(page.Locator("#conversations")).ToContainTextAsync("张三", Contains);
        Assert.Contains(model.Requests, r => r.Any(m => m.Text.Contains(Question, StringComparison.Ordinal)));
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task GroupWithBot_AtBotMessage_AnsweredInTheGroup()
    {
        await using var sandbox = await RunningSandbox.StartAsync(Model(), "en");
        await using var browser = await SandboxBrowser.LaunchAsync();
        var page = await browser.OpenAsync(sandbox.Url);

        await page.ClickAsync("#groups [data-group]");
        await Expect(page.Locator("#atBot")).ToBeCheckedAsync();
        await page.FillAsync("#text", "hello group");
        await page.Locator("#text").PressAsync("Enter");

        await Expect(page.Locator(".msg.card .body")).ToHaveTextAsync("Hello from the scripted model. All done.", Text);
        await Expect(page.Locator("#chatTitle")).ToContainTextAsync("测试群", Contains);
        await Expect(page.Locator("#conversations")).ToContainTextAsync("测试群", Contains);
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task DmWithBot_AttachedFileThenPictureWithText_ShownAndReachTheModel()
    {
        var model = Model();
        await using var sandbox = await RunningSandbox.StartAsync(model, "en");
        await using var browser = await SandboxBrowser.LaunchAsync();
        var page = await browser.OpenAsync(sandbox.Url);

        await page.ClickAsync("#newDm");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "ship it on friday"u8.ToArray() });
        await Expect(page.Locator("#msgtype")).ToHaveValueAsync("file");
        await page.ClickAsync("#composer button[type=submit]");
        await Expect(page.Locator(".msg.card[data-state=FINISHED]")).ToHaveCountAsync(1, new() { Timeout = SandboxBrowser.Patience });
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "dot.png", MimeType = "image/png", Buffer = OnePixelPng });
        await Expect(page.Locator("#msgtype")).ToHaveValueAsync("picture");
        await page.FillAsync("#text", "what is this?");
        await page.ClickAsync("#composer button[type=submit]");
        await Expect(page.Locator(".msg.card[data-state=FINISHED]")).ToHaveCountAsync(2, new() { Timeout = SandboxBrowser.Patience });

        await Expect(page.Locator(".msg.user .file")).ToHaveTextAsync("📎 notes.txt", Text);
        await Expect(page.Locator(".msg.user[data-kind=richText]")).ToContainTextAsync("what is this?", Contains);
        await Expect(page.Locator(".msg.user img.attachment")).ToHaveJSPropertyAsync("naturalWidth", 1);
        var requests = model.Requests.Select(r => r.Last(m => m.Role == ChatRole.User)).ToList();
        Assert.Contains(requests, m => m.Contents.OfType<TextContent>().Any(c => c.Text.Contains("ship it on friday", StringComparison.Ordinal)
            || PromptParts.Get(c, PromptParts.BodyKey)?.Contains("ship it on friday", StringComparison.Ordinal) == true));
        Assert.Contains(requests, m => m.Text.Contains("what is this?", StringComparison.Ordinal)
            && m.Contents.Count(c => c is DataContent { MediaType: "image/png" } || PromptParts.KindOf(c) == PromptParts.Image) == 1);
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task SandboxPanel_SwitchToMarkdown_ReplyRenderedAsMarkdownMessage()
    {
        await using var sandbox = await RunningSandbox.StartAsync(Model(), "en");
        await using var browser = await SandboxBrowser.LaunchAsync();
        var page = await browser.OpenAsync(sandbox.Url);

        await page.SelectOptionAsync("#sbMessageType", "markdown");
        await page.ClickAsync("#sbApply");
        await Expect(page.Locator("#sbStatus")).ToContainTextAsync("applied: replies as markdown", Contains);
        await page.ClickAsync("#newDm");
        await page.FillAsync("#text", Question);
        await page.ClickAsync("#composer button[type=submit]");

        var reply = page.Locator(".msg.bot.markdown");
        await Expect(reply.Locator(".body")).ToHaveTextAsync("Hello from the scripted model. All done.", Text);
        await Expect(reply.Locator(".body strong")).ToHaveTextAsync("scripted", Text);
        await Expect(page.Locator(".msg.card")).ToHaveCountAsync(0);
        var settings = await sandbox.Http.GetFromJsonAsync<JsonObject>("/_sandbox/settings");
        Assert.Equal("markdown", settings!["messageType"]!.GetValue<string>());
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task SandboxPanel_PairingPolicy_CodeListedAndApproveLetsUserTalk()
    {
        await using var sandbox = await RunningSandbox.StartAsync(Model(), "en");
        await using var browser = await SandboxBrowser.LaunchAsync();
        var page = await browser.OpenAsync(sandbox.Url);

        await page.SelectOptionAsync("#sbDmPolicy", "pairing");
        await page.ClickAsync("#sbApply");
        await Expect(page.Locator("#sbStatus")).ToContainTextAsync("DM pairing", Contains);
        await page.SelectOptionAsync("#newUser", "user002");
        await page.ClickAsync("#newDm");
        await page.FillAsync("#text", "let me in");
        await page.Locator("#text").PressAsync("Enter");

        var pending = page.Locator("#sbPairing li.pairing");
        await Expect(pending).ToContainTextAsync("李四 (user002)", Contains);
        var code = await pending.GetAttributeAsync("data-code");
        await Expect(page.Locator(".msg.bot").First).ToContainTextAsync($"Your pairing code is {code}", Contains);
        await pending.Locator("[data-approve]").ClickAsync();
        await Expect(page.Locator("#sbStatus")).ToContainTextAsync($"approved 李四 ({code})", Contains);
        await Expect(page.Locator("#sbPairing")).ToHaveTextAsync("none", Text);
        await page.FillAsync("#text", "and now?");
        await page.Locator("#text").PressAsync("Enter");

        await Expect(page.Locator(".msg.card .body")).ToHaveTextAsync("Hello from the scripted model. All done.", Text);
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task SandboxDefaultLocale_PageAndBotInChinese_PairingApprovedFromThePanel()
    {
        await using var sandbox = await RunningSandbox.StartAsync(Model());
        await using var browser = await SandboxBrowser.LaunchAsync();
        var page = await browser.OpenAsync(sandbox.Url);

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN", Attribute);
        await Expect(page.Locator("#title")).ToHaveTextAsync("DingGate 沙盒", Text);
        await Expect(page.Locator("#newDm")).ToHaveTextAsync("与机器人单聊", Text);
        await Expect(page.Locator("#composer button[type=submit]")).ToHaveTextAsync("发送", Text);
        await page.SelectOptionAsync("#sbDmPolicy", "pairing");
        await page.ClickAsync("#sbApply");
        await Expect(page.Locator("#sbStatus")).ToContainTextAsync("已应用：回复方式 card，单聊 pairing", Contains);
        await page.SelectOptionAsync("#newUser", "user002");
        await page.ClickAsync("#newDm");
        await page.FillAsync("#text", "让我进来");
        await page.Locator("#text").PressAsync("Enter");

        var pending = page.Locator("#sbPairing li.pairing");
        await Expect(pending.Locator("[data-approve]")).ToHaveTextAsync("批准", Text);
        var code = await pending.GetAttributeAsync("data-code");
        await Expect(page.Locator(".msg.bot").First).ToContainTextAsync($"你的配对码是 {code}，1 小时内有效。", Contains);
        await pending.Locator("[data-approve]").ClickAsync();
        await Expect(page.Locator("#sbStatus")).ToContainTextAsync($"已批准 李四（{code}）", Contains);
        await Expect(page.Locator("#sbPairing")).ToHaveTextAsync("无", Text);
        await Expect(page.Locator(".msg.bot").Nth(1)).ToContainTextAsync("你已通过批准！现在可以和我对话了。", Contains);
        await page.FillAsync("#text", "现在呢？");
        await page.Locator("#text").PressAsync("Enter");

        var card = page.Locator(".msg.card");
        await Expect(card.Locator(".state")).ToHaveTextAsync("已完成", Text);
        await Expect(card.Locator(".body")).ToHaveTextAsync("Hello from the scripted model. All done.", Text);
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task SandboxEnglishLocale_LangQueryParameter_OverridesThePageLanguage()
    {
        await using var sandbox = await RunningSandbox.StartAsync(Model(), "en");
        await using var browser = await SandboxBrowser.LaunchAsync();
        var english = await browser.OpenAsync(sandbox.Url);
        var chinese = await browser.OpenAsync(new Uri(sandbox.Url, "/?lang=zh-CN"));

        await Expect(english.Locator("#title")).ToHaveTextAsync("DingGate sandbox", Text);
        await Expect(english.Locator("html")).ToHaveAttributeAsync("lang", "en", Attribute);
        await Expect(chinese.Locator("#title")).ToHaveTextAsync("DingGate 沙盒", Text);
        await Expect(chinese.Locator("#sbApply")).ToHaveTextAsync("应用（会重启网关）", Text);
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task PlainEmulator_NoSandboxRoutes_PageWorksWithoutSandboxPanel()
    {
        await using var emulator = EmulatorHost.Create(new EmulatorOptions { Port = 0 });
        await emulator.StartAsync();
        await using var browser = await SandboxBrowser.LaunchAsync();
        var page = await browser.OpenAsync(emulator.BaseUrl);

        await page.ClickAsync("[data-group]");
        await page.FillAsync("#text", "hello group");
        await page.Locator("#text").PressAsync("Enter");

        await Expect(page.Locator("#title")).ToHaveTextAsync("DingTalk emulator", Text);
        await Expect(page.Locator("#sandbox")).ToBeHiddenAsync();
        await Expect(page.Locator(".msg.user")).ToContainTextAsync("hello group", Contains);
        await Expect(page.Locator("#chatTitle")).ToContainTextAsync("测试群", Contains);
        Assert.Empty(browser.PageErrors);
    }
}
