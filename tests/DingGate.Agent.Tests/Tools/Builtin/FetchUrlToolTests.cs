using System.Text;
using DingGate.Agent.Tools.Builtin;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.Agent.Tests.Tools.Builtin;

// fetch_url against real Kestrel servers on 127.0.0.1: the test server is let in by allowHosts (host:port), and
// everything it redirects to must pass the guard again.
public sealed class FetchUrlToolTests
{
    [Fact]
    public async Task Fetch_Loopback_RefusedWithoutConnecting()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "secret"));
        using var http = Http(new FetchUrlOptions());

        var result = await new FetchUrlTool(http).FetchAsync(server.Url("/").ToString(), CancellationToken.None);

        Assert.StartsWith("Refused", result, StringComparison.Ordinal);
        Assert.Contains("loopback", result, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Fetch_MetadataAddress_Refused()
    {
        using var http = Http(new FetchUrlOptions());

        var result = await new FetchUrlTool(http).FetchAsync("http://169.254.169.254/latest/meta-data/iam/", CancellationToken.None);

        Assert.StartsWith("Refused 'http://169.254.169.254/latest/meta-data/iam/'", result, StringComparison.Ordinal);
        Assert.Contains("metadata", result, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("loopback")]
    [InlineData("metadata")]
    [InlineData("name")]
    public async Task Fetch_AllowedServerRedirectsToRefusedAddress_RedirectRefused(string target)
    {
        await using var inner = await TestWebServer.StartAsync(app => app.MapGet("/", () => "internal secret"));
        var location = target switch
        {
            "loopback" => inner.Url("/").ToString(),
            "metadata" => "http://169.254.169.254/latest/meta-data/",
            _ => $"http://internal.test:{inner.BaseAddress.Port}/",
        };
        await using var outer = await TestWebServer.StartAsync(app => app.MapGet("/go", context => TestWebServer.Redirect(context, location)));
        var resolver = new ScriptedResolver().Answer("internal.test", ["127.0.0.1"]);
        using var http = Http(new FetchUrlOptions { AllowHosts = [outer.HostPort] }, resolver);

        var result = await new FetchUrlTool(http).FetchAsync(outer.Url("/go").ToString(), CancellationToken.None);

        Assert.StartsWith("Refused", result, StringComparison.Ordinal);
        Assert.DoesNotContain("internal secret", result, StringComparison.Ordinal);
        Assert.Equal(["/go"], outer.Requests);
        Assert.Empty(inner.Requests);
    }

    [Fact]
    public async Task Fetch_RedirectWithinAllowedHost_FollowedAndHtmlReducedToText()
    {
        const string html = """
            <html><head><title>Quarterly &amp; report</title><style>body { color: red }</style>
            <script>var secret = "do not show";</script></head>
            <body><h1>Results</h1><p>Revenue   grew&nbsp;12%.</p><!-- hidden comment --><ul><li>One</li><li>Two &lt;3</li></ul></body></html>
            """;
        await using var server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/old", context => TestWebServer.Redirect(context, "/new"));
            app.MapGet("/new", () => Results.Content(html, "text/html; charset=utf-8"));
        });
        using var http = Http(new FetchUrlOptions { AllowHosts = [server.HostPort] });

        var result = await new FetchUrlTool(http).FetchAsync(server.Url("/old").ToString(), CancellationToken.None);

        Assert.Contains($"URL: {server.Url("/new")}", result, StringComparison.Ordinal);
        Assert.EndsWith("Quarterly & report\n\nResults\nRevenue grew 12%.\nOne\nTwo <3", result, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result, StringComparison.Ordinal);
        Assert.DoesNotContain("color", result, StringComparison.Ordinal);
        Assert.DoesNotContain("comment", result, StringComparison.Ordinal);
        Assert.Equal(["/old", "/new"], server.Requests);
    }

    [Fact]
    public async Task Fetch_TooManyRedirects_Refused()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/loop/{n:int}", (HttpContext context, int n) => TestWebServer.Redirect(context, $"/loop/{n + 1}")));
        using var http = Http(new FetchUrlOptions { AllowHosts = [server.HostPort], MaxRedirects = 2 });

        var result = await new FetchUrlTool(http).FetchAsync(server.Url("/loop/0").ToString(), CancellationToken.None);

        Assert.Contains("more than 2 redirects", result, StringComparison.Ordinal);
        Assert.Equal(["/loop/0", "/loop/1", "/loop/2"], server.Requests);
    }

    [Fact]
    public async Task Fetch_NameThatRebindsToLoopbackAfterTheCheck_ConnectionRefused()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "internal secret"));

        // First answer (the guard's check) public, then loopback (the connection's own resolution).
        var resolver = new ScriptedResolver().Answer("rebind.test", ["93.184.216.34"], ["127.0.0.1"]);
        using var http = Http(new FetchUrlOptions(), resolver);

        var result = await new FetchUrlTool(http).FetchAsync($"http://rebind.test:{server.BaseAddress.Port}/", CancellationToken.None);

        Assert.StartsWith("Refused", result, StringComparison.Ordinal);
        Assert.Contains("rebind.test resolves to 127.0.0.1", result, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Fetch_LargerThanMaxBytes_ReadUpToTheCapAndSaysSo()
    {
        var body = new string('a', 5000);
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/big", () => Results.Text(body, "text/plain")));
        using var http = Http(new FetchUrlOptions { AllowHosts = [server.HostPort], MaxBytes = 1024 });

        var result = await new FetchUrlTool(http).FetchAsync(server.Url("/big").ToString(), CancellationToken.None);

        Assert.Contains("\n" + new string('a', 1024) + "\n\n[Truncated: only the first 1024 bytes were read", result, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('a', 1025), result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_LongerThanMaxChars_CutAndSaysSo()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => Results.Text(new string('b', 600), "text/plain")));
        using var http = Http(new FetchUrlOptions { AllowHosts = [server.HostPort], MaxChars = 200 });

        var result = await new FetchUrlTool(http).FetchAsync(server.Url("/").ToString(), CancellationToken.None);

        Assert.EndsWith(new string('b', 200) + "\n\n[Truncated: cut at 200 characters (tools.fetchUrl.maxChars).]", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_SlowServer_TimesOutOnTheClock()
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/slow", async context =>
        {
            reached.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }));
        var time = new FakeTimeProvider();
        using var http = Http(new FetchUrlOptions { AllowHosts = [server.HostPort], Timeout = TimeSpan.FromSeconds(3) }, time: time);

        var fetch = new FetchUrlTool(http).FetchAsync(server.Url("/slow").ToString(), CancellationToken.None);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(fetch.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(3));
        var result = await fetch.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("timed out after 3000 ms", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_Binary_NotShown()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/img", () => Results.Bytes(Encoding.ASCII.GetBytes("\x89PNG....binary"), "image/png")));
        using var http = Http(new FetchUrlOptions { AllowHosts = [server.HostPort] });

        var result = await new FetchUrlTool(http).FetchAsync(server.Url("/img").ToString(), CancellationToken.None);

        Assert.Contains("Content-Type: image/png", result, StringComparison.Ordinal);
        Assert.Contains("Binary content (14 bytes) is not shown", result, StringComparison.Ordinal);
        Assert.DoesNotContain("PNG", result.Replace("image/png", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_GbkPage_Decoded()
    {
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding("gbk")!;
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => Results.Bytes(gbk.GetBytes("<p>你好，世界</p>"), "text/html; charset=gbk")));
        using var http = Http(new FetchUrlOptions { AllowHosts = [server.HostPort] });

        var result = await new FetchUrlTool(http).FetchAsync(server.Url("/").ToString(), CancellationToken.None);

        Assert.EndsWith("\n你好，世界", result, StringComparison.Ordinal);
    }

    internal static GuardedHttp Http(FetchUrlOptions options, ScriptedResolver? resolver = null, TimeProvider? time = null) =>
        new(new UrlGuard(options, resolver ?? new ScriptedResolver()), time ?? TimeProvider.System);
}
