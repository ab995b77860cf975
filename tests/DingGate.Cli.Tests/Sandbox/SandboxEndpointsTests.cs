using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DingGate.Core.Texts;

namespace DingGate.Cli.Tests.Sandbox;

public sealed class SandboxEndpointsTests
{
    [Fact]
    public async Task GetSettings_Default_CardsOpenPoliciesAndDemoModel()
    {
        await using var sandbox = await RunningSandbox.StartAsync();

        var settings = await sandbox.Http.GetFromJsonAsync<JsonObject>("/_sandbox/settings");

        Assert.Equal("card", settings!["messageType"]!.GetValue<string>());
        Assert.Equal("open", settings["dmPolicy"]!.GetValue<string>());
        Assert.Equal("open", settings["groupPolicy"]!.GetValue<string>());
        Assert.StartsWith("offline demo model", settings["model"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(settings["running"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PutSettings_Markdown_NextReplyIsMarkdownMessage()
    {
        var model = new FixedAnswerChatClient("Reply in ", "**markdown**", " mode.");
        await using var sandbox = await RunningSandbox.StartAsync(model);

        using var put = await sandbox.Http.PutAsJsonAsync("/_sandbox/settings", new { messageType = "markdown" });
        var settings = await put.Content.ReadFromJsonAsync<JsonObject>();
        var conversationId = await sandbox.SayAsync("user001", "hello");
        var reply = await sandbox.WaitForBotMessageAsync(conversationId, e => e["kind"]!.GetValue<string>() == "markdown", "a markdown reply");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("markdown", settings!["messageType"]!.GetValue<string>());
        Assert.Equal("Reply in **markdown** mode.", RunningSandbox.MessageText(reply));
        Assert.DoesNotContain(await sandbox.EntriesAsync(conversationId), e => e["kind"]!.GetValue<string>() == "card");
    }

    [Fact]
    public async Task PutSettings_DmPairing_NewDmGetsCodeAndApprovalLetsUserTalk()
    {
        await using var sandbox = await RunningSandbox.StartAsync();

        using var put = await sandbox.Http.PutAsJsonAsync("/_sandbox/settings", new { dmPolicy = "pairing" });
        var conversationId = await sandbox.SayAsync("user002", "let me in");
        var pending = await RunningSandbox.WaitUntilAsync(
            async () => (await sandbox.Http.GetFromJsonAsync<JsonArray>("/_sandbox/pairing"))!.FirstOrDefault(p => p!["userId"]!.GetValue<string>() == "user002")?.AsObject(),
            "a pending pairing code for user002");
        var code = pending["code"]!.GetValue<string>();
        var codeReply = await sandbox.WaitForBotMessageAsync(conversationId, e => RunningSandbox.MessageText(e).Contains(code, StringComparison.Ordinal), "the reply giving the code");
        var cardsBefore = (await sandbox.EntriesAsync(conversationId)).Count(e => e["kind"]!.GetValue<string>() == "card");

        using var approve = await sandbox.Http.PostAsJsonAsync("/_sandbox/pairing/approve", new { code });
        var approved = await approve.Content.ReadFromJsonAsync<JsonObject>();
        await sandbox.SayAsync("user002", "and now?");
        var card = await sandbox.WaitForFinalizedCardAsync(conversationId);
        var stillPending = await sandbox.Http.GetFromJsonAsync<JsonArray>("/_sandbox/pairing");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("李四", pending["nick"]!.GetValue<string>());
        Assert.NotNull(codeReply);
        Assert.Equal(0, cardsBefore);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.Equal("user002", approved!["approved"]!.GetValue<string>());
        Assert.Contains(DemoTexts.Label.ZhCn, RunningSandbox.CardText(card), StringComparison.Ordinal);
        Assert.Contains("> and now?", RunningSandbox.CardText(card), StringComparison.Ordinal);
        Assert.Empty(stillPending!);
    }

    [Fact]
    public async Task ApprovePairing_UnknownCode_Returns404()
    {
        await using var sandbox = await RunningSandbox.StartAsync();

        using var approve = await sandbox.Http.PostAsJsonAsync("/_sandbox/pairing/approve", new { code = "NOSUCHCD" });
        var body = await approve.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.NotFound, approve.StatusCode);
        Assert.Equal("unknown or expired pairing code", body!["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"messageType":"fax"}""", "messageType must be one of markdown | card")]
    [InlineData("""{"dmPolicy":"sometimes"}""", "dmPolicy must be one of open | pairing | allowlist")]
    [InlineData("""{"groupPolicy":"pairing"}""", "groupPolicy must be one of open | allowlist")]
    [InlineData("""{"dmPolicy":5}""", "settings values must be strings")]
    [InlineData("""{"messagetype":"markdown"}""", "unknown setting 'messagetype' (allowed: messageType, dmPolicy, groupPolicy)")]
    [InlineData("""["markdown"]""", "the body must be a JSON object")]
    [InlineData("""not json""", "the body must be a JSON object")]
    public async Task PutSettings_Invalid_Returns400WithClearErrorAndKeepsSettings(string body, string error)
    {
        await using var sandbox = await RunningSandbox.StartAsync();

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var put = await sandbox.Http.PutAsync("/_sandbox/settings", content);
        var answer = await put.Content.ReadFromJsonAsync<JsonObject>();
        var settings = await sandbox.Http.GetFromJsonAsync<JsonObject>("/_sandbox/settings");

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.StartsWith(error, answer!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("card", settings!["messageType"]!.GetValue<string>());
        Assert.Equal("open", settings["dmPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownSandboxRoute_Returns404NamingIt()
    {
        await using var sandbox = await RunningSandbox.StartAsync();

        using var response = await sandbox.Http.DeleteAsync("/_sandbox/settings");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no sandbox route DELETE /_sandbox/settings", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Conversation_WithScriptedModel_CardCarriesExactAnswerAndLogsHoldNoSecret()
    {
        var model = new FixedAnswerChatClient("Hello ", "from the ", "scripted model.");
        await using var sandbox = await RunningSandbox.StartAsync(model);

        var conversationId = await sandbox.SayAsync("user001", "hi");
        var card = await sandbox.WaitForFinalizedCardAsync(conversationId);

        Assert.Equal("Hello from the scripted model.", RunningSandbox.CardText(card));
        Assert.Contains(model.Requests, r => r.Any(m => m.Text.Contains("hi", StringComparison.Ordinal)));
        var logs = Directory.EnumerateFiles(sandbox.StateDirectory, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".jsonl", StringComparison.Ordinal) || f.EndsWith(".log", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(logs);
        foreach (var log in logs)
        {
            using var reader = new StreamReader(new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            Assert.DoesNotContain(Cli.Sandbox.SandboxRunner.DemoClientSecret, await reader.ReadToEndAsync(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Cli.Sandbox.SandboxRunner.DemoClientSecret, sandbox.Output + sandbox.Error.ToString(), StringComparison.Ordinal);
    }
}
