using DingGate.Agent.Tests.Support;
using DingGate.Agent.Tools.Builtin;
using DingGate.Agent.Tools;
using DingGate.Core.Replies;
using DingGate.Core.Sessions;
using Microsoft.Extensions.AI;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DingGate.Agent.Tests.Tools.Builtin;

public sealed class SendFileTests : IDisposable
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    private readonly TempFolder _state = new();

    private string Workspace => Path.Combine(_state.Path, "workspace");

    public SendFileTests()
    {
        Directory.CreateDirectory(Workspace);
        Directory.CreateDirectory(Path.Combine(Workspace, "charts"));
        File.WriteAllBytes(Path.Combine(Workspace, "charts", "sales.png"), Png);
        File.WriteAllText(Path.Combine(Workspace, "report.pdf"), "%PDF-1.4 test");
        File.WriteAllText(Path.Combine(_state.Path, "dinggate.db"), "state outside the workspace");
        File.WriteAllText(Path.Combine(_state.Path, "admin.token"), "token");
    }

    public void Dispose() => _state.Dispose();

    [Fact]
    public async Task Send_WorkspaceImage_AddsImageFileToTheReply()
    {
        await using var sink = new RecordingReplySink();
        using var http = FetchUrlToolTests.Http(new FetchUrlOptions());

        var result = await Sender(http).SendAsync("charts/sales.png", null, sink, "main", CancellationToken.None);

        Assert.True(result.Sent, result.Message);
        Assert.Contains("Attached image 'sales.png'", result.Message, StringComparison.Ordinal);
        var file = Assert.IsType<ReplyFile>(Assert.Single(sink.Updates)).File;
        Assert.Equal(OutboundFileKind.Image, file.Kind);
        Assert.Equal(Path.Combine(Workspace, "charts", "sales.png"), file.Path);
    }

    [Fact]
    public async Task Send_PdfWithName_FileKindAndShownName()
    {
        await using var sink = new RecordingReplySink();
        using var http = FetchUrlToolTests.Http(new FetchUrlOptions());

        var result = await Sender(http).SendAsync(Path.Combine(Workspace, "report.pdf"), "Q3 报告", sink, "main", CancellationToken.None);

        Assert.True(result.Sent, result.Message);
        var file = Assert.IsType<ReplyFile>(Assert.Single(sink.Updates)).File;
        Assert.Equal(OutboundFileKind.File, file.Kind);
        Assert.Equal("Q3 报告.pdf", file.FileName);
        Assert.Contains("sent as its own message after your answer", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tool_CalledWithThePathOnly_NameIsOptional()
    {
        await using var sink = new RecordingReplySink();
        using var http = FetchUrlToolTests.Http(new FetchUrlOptions());
        var turn = new ToolTurnContext(Messages.Text("q"), new SessionKey("main", "dm:sender-1"), sink, "default", SenderIsOwner: false);
        var function = new SendFileTool(Sender(http)).Create(turn);

        var result = await function.InvokeAsync(new AIFunctionArguments { ["path_or_url"] = "charts/sales.png" });

        Assert.Contains("Attached image 'sales.png'", result?.ToString(), StringComparison.Ordinal);
        Assert.Equal(["path_or_url"], function.JsonSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Single(sink.Updates);
    }

    [Theory]
    [InlineData("../dinggate.db")]
    [InlineData("charts/../../admin.token")]
    [InlineData("/etc/passwd")]
    [InlineData("file:///etc/passwd")]
    public async Task Send_PathOutsideWorkspace_Refused(string path)
    {
        await using var sink = new RecordingReplySink();
        using var http = FetchUrlToolTests.Http(new FetchUrlOptions());

        var result = await Sender(http).SendAsync(path, null, sink, "main", CancellationToken.None);

        Assert.False(result.Sent);
        Assert.Contains("only files inside the workspace", result.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Updates);
    }

    [Fact]
    public async Task Send_SymlinkOutOfWorkspace_Refused()
    {
        File.CreateSymbolicLink(Path.Combine(Workspace, "innocent.png"), Path.Combine(_state.Path, "dinggate.db"));
        Directory.CreateSymbolicLink(Path.Combine(Workspace, "state"), _state.Path);
        await using var sink = new RecordingReplySink();
        using var http = FetchUrlToolTests.Http(new FetchUrlOptions());
        var sender = Sender(http);

        var viaFile = await sender.SendAsync("innocent.png", null, sink, "main", CancellationToken.None);
        var viaDirectory = await sender.SendAsync("state/admin.token", null, sink, "main", CancellationToken.None);
        var backIn = await sender.SendAsync("state/workspace/report.pdf", null, sink, "main", CancellationToken.None);

        Assert.False(viaFile.Sent);
        Assert.Contains("only files inside the workspace", viaFile.Message, StringComparison.Ordinal);
        Assert.False(viaDirectory.Sent);
        Assert.Contains("only files inside the workspace", viaDirectory.Message, StringComparison.Ordinal);

        // A link that leads back into the workspace is fine: the real path is what counts (and what is sent).
        Assert.True(backIn.Sent, backIn.Message);
        Assert.Equal(Path.Combine(Workspace, "report.pdf"), Assert.IsType<ReplyFile>(Assert.Single(sink.Updates)).File.Path);
    }

    [Fact]
    public async Task Send_WorkspaceContainingTheStateDirectory_StateFilesStillRefused()
    {
        await using var sink = new RecordingReplySink();
        using var http = FetchUrlToolTests.Http(new FetchUrlOptions());
        var sender = new FileSender(SendFileOptions.From(_state.Path, _state.Path), http, TimeProvider.System);

        var database = await sender.SendAsync("dinggate.db", null, sink, "main", CancellationToken.None);
        var report = await sender.SendAsync("workspace/report.pdf", null, sink, "main", CancellationToken.None);

        Assert.False(database.Sent);
        Assert.Contains("the gateway's own state files", database.Message, StringComparison.Ordinal);
        Assert.True(report.Sent, report.Message);
        Assert.Single(sink.Updates);
    }

    [Theory]
    [InlineData("missing.png", "no such file")]
    [InlineData("charts", "is a directory")]
    [InlineData("", "no file path")]
    public async Task Send_NotAFile_RefusedSayingWhy(string path, string why)
    {
        await using var sink = new RecordingReplySink();
        using var http = FetchUrlToolTests.Http(new FetchUrlOptions());

        var result = await Sender(http).SendAsync(path, null, sink, "main", CancellationToken.None);

        Assert.False(result.Sent);
        Assert.Contains(why, result.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Updates);
    }

    [Fact]
    public async Task Send_Url_DownloadedWithContentTypeExtension()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/render", () => Results.Bytes(Png, "image/png")));
        await using var sink = new RecordingReplySink();
        using var http = FetchUrlToolTests.Http(new FetchUrlOptions { AllowHosts = [server.HostPort] });

        var result = await Sender(http).SendAsync(server.Url("/render?id=../../x").ToString(), null, sink, "main", CancellationToken.None);

        Assert.True(result.Sent, result.Message);
        var file = Assert.IsType<ReplyFile>(Assert.Single(sink.Updates)).File;
        Assert.Equal(OutboundFileKind.Image, file.Kind);
        Assert.Equal("render.png", Path.GetFileName(file.Path));
        Assert.StartsWith(Path.Combine(_state.Path, "tool-files") + Path.DirectorySeparatorChar, file.Path, StringComparison.Ordinal);
        Assert.Equal(Png, await File.ReadAllBytesAsync(file.Path));
    }

    [Fact]
    public async Task Send_UrlToLoopback_Refused()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/x.png", () => Results.Bytes(Png, "image/png")));
        await using var sink = new RecordingReplySink();
        using var http = FetchUrlToolTests.Http(new FetchUrlOptions());

        var result = await Sender(http).SendAsync(server.Url("/x.png").ToString(), null, sink, "main", CancellationToken.None);

        Assert.False(result.Sent);
        Assert.Contains("loopback", result.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.Empty(sink.Updates);
    }

    [Fact]
    public async Task Send_UrlLargerThanCap_RefusedNotTruncated()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/big.pdf", async (HttpContext context) =>
        {
            // No Content-Length: the cap is found while reading.
            context.Response.ContentType = "application/pdf";
            for (var i = 0; i < 8; i++)
            {
                await context.Response.Body.WriteAsync(new byte[1024]);
                await context.Response.Body.FlushAsync();
            }
        }));
        await using var sink = new RecordingReplySink();
        using var http = FetchUrlToolTests.Http(new FetchUrlOptions { AllowHosts = [server.HostPort] });
        var sender = new FileSender(SendFileOptions.From(null, _state.Path) with { MaxBytes = 4096 }, http, TimeProvider.System);

        var result = await sender.SendAsync(server.Url("/big.pdf").ToString(), null, sink, "main", CancellationToken.None);

        Assert.False(result.Sent);
        Assert.Contains("over the limit of 4096 bytes", result.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Updates);
    }

    private FileSender Sender(GuardedHttp http) => new(SendFileOptions.From(null, _state.Path), http, TimeProvider.System);
}
