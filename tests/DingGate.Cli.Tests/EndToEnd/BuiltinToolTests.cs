using System.Text.Json.Nodes;
using DingGate.Agent.Tests.Support;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.DingTalk.Tests.Support;
using DingGate.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// The built-in tools through the real gateway: a real OpenAI-compatible model server making real tool_calls, the
/// emulator recording every upload and send.
/// </summary>
public sealed class BuiltinToolTests
{
    [Fact]
    public async Task SendFile_ImageEmbeddedInTheCardAndPdfSentAfterIt()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        WriteWorkspace(state.Path);
        await using var model = await ScriptedOpenAiServer.StartAsync();
        model.Script = request => request.Index == 1
            ? ScriptedModelReply.Calls(
                new ScriptedToolCall("send_file", """{"path_or_url":"charts/sales.png"}"""),
                new ScriptedToolCall("send_file", """{"path_or_url":"report.pdf","name":"Q3 报告"}"""))
            : ScriptedModelReply.Text("图表和报告", "都在这里。");
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, AllowTools("send_file"));

        await emu.SendDmAsync("把销售图表和季度报告发给我");
        var cardId = await Wire.WaitForCardAsync(emu, 1);
        var card = await emu.WaitForFinalizedCardAsync(cardId);
        var sends = await WaitForSendsAsync(emu, "sampleFile", 1);

        var results = (await model.WaitForRequestAsync(2)).ToolResults;
        Assert.Contains("Attached image 'sales.png'", results[0].Content, StringComparison.Ordinal);
        Assert.Contains("Attached file 'Q3 报告.pdf'", results[1].Content, StringComparison.Ordinal);
        var uploads = await UploadsAsync(emu);
        Assert.Equal(2, uploads.Count);
        var image = Assert.Single(uploads, u => (string?)u["type"] == "image");
        var pdf = Assert.Single(uploads, u => (string?)u["type"] == "file");
        Assert.Equal("sales.png", (string?)image["fileName"]);
        Assert.Equal(Fixtures.Png.Length, (int)image["size"]!);
        // The card's tool summary line (the steps shown while it worked), then the answer with the image embedded.
        Assert.Equal($"> 🔧 已调用工具：send_file ✅×2\n\n图表和报告都在这里。\n\n![sales.png]({(string?)image["mediaId"]})", Wire.CardContent(card));

        var file = Assert.Single(sends);
        var param = JsonNode.Parse((string)file.Body["msgParam"]!)!;
        Assert.Equal((string?)pdf["mediaId"], (string?)param["mediaId"]);
        Assert.Equal("Q3 报告.pdf", (string?)param["fileName"]);
        Assert.Equal("pdf", (string?)param["fileType"]);
        var lastUpload = (await emu.CallsAsync("/media/upload")).Max(c => c.Sequence);
        Assert.True(file.Sequence > lastUpload, "the file is sent after its upload");
        Assert.True(file.Sequence > (await Wire.StreamingAsync(emu, cardId)).Max(c => c.Sequence), "the file follows the finalized answer");
    }

    [Fact]
    public async Task MediaLines_HonouredAsSendFileAndHiddenFromTheMarkdownAnswer()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        WriteWorkspace(state.Path);
        await using var model = await ScriptedOpenAiServer.StartAsync();
        model.Script = _ => ScriptedModelReply.Text("报告在这里：\nMEDIA: report.pdf\n", "还有图表：\nMEDI", "A: charts/sales.png\n", "MEDIA: ../dinggate.db");
        await using var gateway = await GatewayUnderTest.StartAsync(emu, state.Path, model, AllowTools("send_file"), c => c.MessageType = "markdown");

        await emu.SendDmAsync("发一下报告");
        var sends = await WaitForSendsAsync(emu, "sampleFile", 1);

        var uploads = await UploadsAsync(emu);
        var image = Assert.Single(uploads, u => (string?)u["type"] == "image");
        var pdf = Assert.Single(uploads, u => (string?)u["type"] == "file");
        var answer = Assert.Single(await emu.CallsAsync("/robot/sendBySession"));
        var text = Wire.WebhookText(answer.Body);
        Assert.StartsWith("报告在这里：\n还有图表：\n> ⚠️ 文件未能发送：Refused '../dinggate.db': only files inside the workspace", text, StringComparison.Ordinal);
        Assert.EndsWith($"![sales.png]({(string?)image["mediaId"]})", text, StringComparison.Ordinal);
        Assert.DoesNotContain("MEDIA:", text, StringComparison.Ordinal);
        var param = JsonNode.Parse((string)Assert.Single(sends).Body["msgParam"]!)!;
        Assert.Equal((string?)pdf["mediaId"], (string?)param["mediaId"]);
        Assert.True(sends[0].Sequence > answer.Sequence, "the file follows the answer");
    }

    [Fact]
    public async Task FetchUrl_LoopbackMetadataAndRedirectToThem_RefusedToTheModel()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        await using var inner = await WebServer.StartAsync(app => app.MapGet("/", () => "internal secret"));
        await using var outer = await WebServer.StartAsync(app =>
        {
            app.MapGet("/to-inner", (HttpContext context) => Results.Redirect(inner.Url + "/"));
            app.MapGet("/to-metadata", (HttpContext context) => Results.Redirect("http://169.254.169.254/latest/meta-data/"));
            app.MapGet("/page", () => Results.Content("<html><body><p>Public page</p></body></html>", "text/html"));
        });
        await using var model = await ScriptedOpenAiServer.StartAsync();
        model.Script = request => request.Index == 1
            ? ScriptedModelReply.Calls(
                new ScriptedToolCall("fetch_url", $$"""{"url":"{{inner.Url}}/"}"""),
                new ScriptedToolCall("fetch_url", """{"url":"http://169.254.169.254/latest/meta-data/"}"""),
                new ScriptedToolCall("fetch_url", $$"""{"url":"{{outer.Url}}/to-inner"}"""),
                new ScriptedToolCall("fetch_url", $$"""{"url":"{{outer.Url}}/to-metadata"}"""),
                new ScriptedToolCall("fetch_url", $$"""{"url":"{{outer.Url}}/page"}"""))
            : ScriptedOpenAiServer.DefaultScript(request);
        var outerHost = new Uri(outer.Url).Authority;
        await using var gateway = await GatewayUnderTest.StartAsync(
            emu, state.Path, model, c => { AllowTools("fetch_url")(c); c.Tools.FetchUrl.AllowHosts = [outerHost]; }, c => c.MessageType = "markdown");

        await emu.SendDmAsync("看看这些网址");
        var second = await model.WaitForRequestAsync(2);
        var answer = await WaitForAnswerAsync(emu);

        var results = second.ToolResults.Select(r => r.Content).ToList();
        Assert.Equal(5, results.Count);
        Assert.StartsWith($"Refused '{inner.Url}/': 127.0.0.1 is a loopback address", results[0], StringComparison.Ordinal);
        Assert.StartsWith("Refused 'http://169.254.169.254/latest/meta-data/': 169.254.169.254 is a cloud metadata address", results[1], StringComparison.Ordinal);
        Assert.StartsWith($"Refused '{inner.Url}/'", results[2], StringComparison.Ordinal);
        Assert.StartsWith("Refused 'http://169.254.169.254/latest/meta-data/'", results[3], StringComparison.Ordinal);
        Assert.EndsWith("\nPublic page", results[4], StringComparison.Ordinal);
        Assert.Empty(inner.Requests);
        Assert.Equal(["/to-inner", "/to-metadata", "/page"], outer.Requests);
        Assert.DoesNotContain("internal secret", Wire.WebhookText(answer.Body), StringComparison.Ordinal);
        Assert.StartsWith("tool said: Refused", Wire.WebhookText(answer.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_ByAnOwner_SentProactivelyAndAnUnknownTargetIsAClearResult()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        await using var model = await ScriptedOpenAiServer.StartAsync();
        model.Script = request => request.Index == 1
            ? ScriptedModelReply.Calls(
                new ScriptedToolCall("send_message", """{"target":"user:user001","text":"明天 9 点开会"}"""),
                new ScriptedToolCall("send_message", """{"target":"user:nobody","text":"hi"}"""),
                new ScriptedToolCall("send_message", """{"target":"someone","text":"hi"}"""))
            : ScriptedOpenAiServer.DefaultScript(request);
        await using var gateway = await GatewayUnderTest.StartAsync(
            emu, state.Path, model, AllowTools("send_message"), c => { c.MessageType = "markdown"; c.Owners = ["user001"]; });

        await emu.SendDmAsync("提醒我明天 9 点开会");
        var results = (await model.WaitForRequestAsync(2)).ToolResults.Select(r => r.Content).ToList();
        await WaitForAnswerAsync(emu);

        Assert.Equal("Sent to user:user001 (1 message).", results[0]);
        Assert.StartsWith("Not sent: Cannot send to user:nobody", results[1], StringComparison.Ordinal);
        Assert.StartsWith("Not sent: 'someone' is not a message target", results[2], StringComparison.Ordinal);
        var proactive = Assert.Single(await emu.CallsAsync("/v1.0/robot/oToMessages/batchSend"), c => c.RequestBody.Contains("user001", StringComparison.Ordinal));
        Assert.Equal(["user001"], proactive.Body["userIds"]!.AsArray().Select(n => (string?)n));
        Assert.Contains("明天 9 点开会", (string)proactive.Body["msgParam"]!, StringComparison.Ordinal);
    }

    private static Action<DinggateConfig> AllowTools(params string[] tools) =>
        config => config.Agents["default"] = new AgentSettings { Tools = new AgentToolSettings { Allow = tools } };

    private static void WriteWorkspace(string stateDirectory)
    {
        var workspace = Path.Combine(stateDirectory, "workspace");
        Directory.CreateDirectory(Path.Combine(workspace, "charts"));
        File.WriteAllBytes(Path.Combine(workspace, "charts", "sales.png"), Fixtures.Png);
        File.WriteAllBytes(Path.Combine(workspace, "report.pdf"), Fixtures.Pdf("Q3 revenue grew 12%."));
    }

    private static async Task<IReadOnlyList<JsonObject>> UploadsAsync(EmulatorUnderTest emu) =>
        [.. (await emu.SendAsync(HttpMethod.Get, "/_emulator/media"))!.AsArray().OfType<JsonObject>().Where(m => (string?)m["source"] == "upload")];

    // The robot sends (1:1 batchSend) with msgKey, once at least count of them were recorded.
    private static async Task<IReadOnlyList<RecordedCall>> WaitForSendsAsync(EmulatorUnderTest emu, string msgKey, int count)
    {
        IReadOnlyList<RecordedCall> sends = [];
        await TestWait.UntilAsync(
            async () => (sends = [.. (await emu.CallsAsync("/v1.0/robot/oToMessages/batchSend")).Where(c => (string?)c.Body["msgKey"] == msgKey)]).Count >= count,
            $"{count} {msgKey} sends");
        return sends;
    }

    private static async Task<RecordedCall> WaitForAnswerAsync(EmulatorUnderTest emu)
    {
        IReadOnlyList<RecordedCall> messages = [];
        await TestWait.UntilAsync(async () => (messages = await Wire.MessagesAsync(emu)).Count > 0, "the answer");
        return messages[0];
    }

    // A plain web server on 127.0.0.1:0 recording the paths asked for.
    private sealed class WebServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly List<string> _requests = [];
        private readonly Lock _gate = new();

        private WebServer(WebApplication app) => _app = app;

        public string Url { get; private set; } = string.Empty;

        public IReadOnlyList<string> Requests
        {
            get
            {
                lock (_gate)
                {
                    return [.. _requests];
                }
            }
        }

        public static async Task<WebServer> StartAsync(Action<WebApplication> routes)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var server = new WebServer(app);
            app.Use(async (context, next) =>
            {
                lock (server._gate)
                {
                    server._requests.Add(context.Request.Path);
                }

                await next(context);
            });
            routes(app);
            await app.StartAsync();
            server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
