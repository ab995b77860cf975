using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using DingGate.Cli.Admin;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Storage;
using DingGate.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DingGate.Cli.Tests.Admin;

/// <summary>
/// Issue 13, admin hardening: the CLI sends the admin token only to a loopback URL announced in an admin.json written
/// by this user (owned by the current uid, no group/other bits), with an admin.token of the same kind. Everything else
/// is refused before any connection: exit 78, a fix line, the token in no output. A listener on 127.0.0.1 stands in
/// for a gateway (or an attacker's server) and records every request, so "never sent" is asserted, not assumed.
/// </summary>
public sealed class AdminClientTrustTests : IAsyncLifetime
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const string Token = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dinggate-admin-trust-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<(string Path, string Authorization)> _requests = new();
    private WebApplication? _listener;
    private Uri _listening = new("http://127.0.0.1/");
    private string _config = string.Empty;

    private string State => Path.Combine(_dir, "state");

    private string JsonPath => Path.Combine(State, AdminAnnouncement.FileName);

    private string TokenPath => Path.Combine(State, AdminToken.FileName);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(State);
        _config = Path.Combine(_dir, "dinggate.json");
        await File.WriteAllTextAsync(_config, """
            { channels: { dingtalk: { clientId: "dingdemoappkey", clientSecret: "demo-secret", dmPolicy: "pairing" } },
              gateway: { stateDir: "./state", adminPort: 0 } }
            """);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _listener = builder.Build();
        _listener.Run(context =>
        {
            _requests.Enqueue((context.Request.Path.Value ?? string.Empty, context.Request.Headers.Authorization.ToString()));
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        await _listener.StartAsync();
        _listening = new Uri(_listener.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    // The control: with trustworthy files the token does reach the listener, so the refusals below are real.
    [Fact]
    public async Task GatewayStatus_PrivateFilesNamingLoopback_SendsTheBearerToken()
    {
        WriteAdminFiles(_listening);

        var (code, output, _) = await CliRun.RunAsync("gateway", "status", "--config", _config);

        Assert.Equal(3, code); // the stand-in answers 503: "not running"
        Assert.Contains("not running", output, StringComparison.Ordinal);
        var request = Assert.Single(_requests);
        Assert.Equal("/status", request.Path);
        Assert.Equal("Bearer " + Token, request.Authorization);
    }

    // The acceptance test of issue 13: a non-loopback IP is refused before any connection (a connection to
    // 10.255.255.1 would hang until the 5 s timeout and end as "not running", exit 3).
    [Fact]
    public async Task GatewayStatus_AdminJsonNamesNonLoopbackIp_RefusedWithoutSendingTheToken()
    {
        WriteAdminFiles(new Uri("http://10.255.255.1:9/"));

        var (code, output, error) = await CliRun.RunAsync("gateway", "status", "--config", _config);

        Assert.Equal(78, code);
        Assert.Contains("refused to send the admin token", error, StringComparison.Ordinal);
        Assert.Contains("http://10.255.255.1:9/, which is not a loopback address", error, StringComparison.Ordinal);
        Assert.Contains("fix: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, output + error, StringComparison.Ordinal);
        Assert.Empty(_requests);
    }

    // A host name that resolves to 127.0.0.1 here (the machine's own name usually does, through /etc/hosts) is not a
    // loopback literal: refused although the listener on 127.0.0.1 would see the token if the CLI connected to it
    // (the probe shows a plain client does). Where no such name exists there is nothing to arrange.
    [Fact]
    public async Task GatewayStatus_AdminJsonNamesAHostResolvingToTheLocalListener_RefusedAndListenerNeverHit()
    {
        if (await LoopbackNameAsync() is not { } name)
        {
            return;
        }

        var named = new UriBuilder(_listening) { Host = name }.Uri;
        using (var probe = new HttpClient())
        {
            using var reached = await probe.GetAsync(new Uri(named, "/probe"));
        }

        Assert.Equal("/probe", Assert.Single(_requests).Path);

        WriteAdminFiles(named);
        var (code, _, error) = await CliRun.RunAsync("gateway", "status", "--config", _config);

        Assert.Equal(78, code);
        Assert.Contains($"http://{name}:{_listening.Port}/, which is not a loopback address", error, StringComparison.Ordinal);
        Assert.Single(_requests); // still only the probe
    }

    // Host names other than "localhost" are refused even when they resolve to loopback (DNS can change; a literal cannot).
    [Theory]
    [InlineData("example.invalid")]
    [InlineData("dinggate.localhost")]
    [InlineData("127.0.0.1.nip.io")]
    [InlineData("localhost.attacker.example")]
    public async Task GatewayStatus_AdminJsonNamesAHostName_Refused(string host)
    {
        WriteAdminFiles(new UriBuilder(_listening) { Host = host }.Uri);

        var (code, _, error) = await CliRun.RunAsync("gateway", "status", "--config", _config);

        Assert.Equal(78, code);
        Assert.Contains($"http://{host}:{_listening.Port}/, which is not a loopback address", error, StringComparison.Ordinal);
        Assert.Empty(_requests);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "0644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "0640")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.OtherWrite, "0402")]
    public async Task GatewayStatus_AdminTokenOpenToOthers_RefusedWithAChmodFix(UnixFileMode mode, string octal)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        WriteAdminFiles(_listening);
        File.SetUnixFileMode(TokenPath, mode);

        var (code, output, error) = await CliRun.RunAsync("gateway", "status", "--config", _config);

        Assert.Equal(78, code);
        Assert.Contains($"{TokenPath} (the admin token) is open to other users (mode {octal})", error, StringComparison.Ordinal);
        Assert.Contains($"fix: chmod 600 {TokenPath}", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, output + error, StringComparison.Ordinal);
        Assert.Empty(_requests);
    }

    [Fact]
    public async Task GatewayStatus_AdminJsonOpenToOthers_RefusedWithAChmodFix()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        WriteAdminFiles(_listening);
        File.SetUnixFileMode(JsonPath, Private | UnixFileMode.GroupWrite | UnixFileMode.OtherRead);

        var (code, _, error) = await CliRun.RunAsync("gateway", "status", "--config", _config);

        Assert.Equal(78, code);
        Assert.Contains($"{JsonPath} (the gateway's announcement) is open to other users (mode 0624)", error, StringComparison.Ordinal);
        Assert.Contains($"fix: chmod 600 {JsonPath}", error, StringComparison.Ordinal);
        Assert.Empty(_requests);
    }

    [Fact]
    public async Task GatewayStatus_AdminTokenIsASymbolicLink_Refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        WriteAdminFiles(_listening);
        var elsewhere = Path.Combine(_dir, "token-elsewhere");
        File.Move(TokenPath, elsewhere);
        File.CreateSymbolicLink(TokenPath, elsewhere);

        var (code, _, error) = await CliRun.RunAsync("gateway", "status", "--config", _config);

        Assert.Equal(78, code);
        Assert.Contains($"{TokenPath} (the admin token) is not a regular file", error, StringComparison.Ordinal);
        Assert.Empty(_requests);
    }

    // Another user's admin.json (or admin.token) was not written by a gateway of ours. Needs root to chown (CI runs
    // as root); as any other user this one case has nothing to arrange and returns.
    [Theory]
    [InlineData(AdminAnnouncement.FileName, "the gateway's announcement")]
    [InlineData(AdminToken.FileName, "the admin token")]
    public async Task GatewayStatus_AdminFileOwnedByAnotherUser_Refused(string file, string what)
    {
        if (OperatingSystem.IsWindows() || UnixFileStatus.CurrentUser != 0)
        {
            return;
        }

        WriteAdminFiles(_listening);
        var path = Path.Combine(State, file);
        await ChownAsync(path, 65534);

        var (code, output, error) = await CliRun.RunAsync("gateway", "status", "--config", _config);

        Assert.Equal(78, code);
        Assert.Contains($"{path} ({what}) belongs to user id 65534, not to you (user id 0)", error, StringComparison.Ordinal);
        Assert.Contains("fix: run this as the user that runs the gateway", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, output + error, StringComparison.Ordinal);
        Assert.Empty(_requests);
    }

    // pairing approve refuses too, and does not fall back to approving offline behind a gateway's back.
    [Fact]
    public async Task PairingApprove_AdminJsonNamesNonLoopback_RefusedAndNothingApproved()
    {
        WriteAdminFiles(new Uri("http://192.0.2.7:18790/"));
        await using (var store = new ServiceCollection().AddSqliteStorage(State).BuildServiceProvider())
        {
            var now = DateTimeOffset.UtcNow;
            await store.GetRequiredService<IPairingStore>().AddPendingAsync(
                new PairingRequest("default", "ABCD2345", "user001", "张三", "cid1", now, now.AddHours(1)), CancellationToken.None);
        }

        var (code, output, error) = await CliRun.RunAsync("pairing", "approve", "ABCD2345", "--config", _config);

        Assert.Equal(78, code);
        Assert.Contains("dinggate pairing approve: refused to send the admin token", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Approved", output, StringComparison.Ordinal);
        await using var after = new ServiceCollection().AddSqliteStorage(State).BuildServiceProvider();
        var pairing = after.GetRequiredService<IPairingStore>();
        Assert.False(await pairing.IsApprovedAsync("default", "user001", CancellationToken.None));
        Assert.Single(await pairing.ListPendingAsync("default", DateTimeOffset.UtcNow, CancellationToken.None));
        Assert.Empty(_requests);
    }

    [Fact]
    public async Task ChannelsStatus_AdminJsonNamesNonLoopbackIpv6_Refused()
    {
        WriteAdminFiles(new Uri("http://[2001:db8::1]:18790/"));

        var channels = await CliRun.RunAsync("channels", "status", "--config", _config);

        Assert.Equal(78, channels.ExitCode);
        Assert.Contains("dinggate channels status: refused to send the admin token", channels.Error, StringComparison.Ordinal);
        Assert.Empty(_requests);
    }

    [Theory]
    [InlineData("http://127.0.0.1:18790/", true)]
    [InlineData("http://127.8.9.10:1/", true)]
    [InlineData("http://[::1]:18790/", true)]
    [InlineData("http://[::ffff:127.0.0.1]:18790/", true)]
    [InlineData("http://localhost:18790/", true)]
    [InlineData("http://LOCALHOST:18790/", true)]
    [InlineData("https://127.0.0.1:18790/", true)]
    [InlineData("http://0.0.0.0:18790/", false)]
    [InlineData("http://[::]:18790/", false)]
    [InlineData("http://128.0.0.1:18790/", false)]
    [InlineData("http://[::2]:18790/", false)]
    [InlineData("http://localhost.:18790/", false)]
    [InlineData("http://sub.localhost:18790/", false)]
    [InlineData("http://user:pw@127.0.0.1:18790/", false)]
    [InlineData("ftp://127.0.0.1/", false)]
    [InlineData("file:///tmp/x", false)]
    public void LoopbackUrl_OnlyLoopbackLiteralsAndLocalhost(string url, bool loopback) =>
        Assert.Equal(loopback, LoopbackUrl.IsLoopback(new Uri(url)));

    // The second fence: even a client given a URL that slipped through connects to loopback addresses only.
    [Fact]
    public async Task AdminHttp_NonLoopbackAddress_NeverConnects()
    {
        using var http = AdminHttp.Create(TimeSpan.FromSeconds(5));

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new UriBuilder(_listening) { Host = "10.255.255.1" }.Uri));
        using var allowed = await http.GetAsync(new Uri(_listening, "/ok"));

        Assert.Contains("not a loopback address", refused.Message, StringComparison.Ordinal);
        Assert.Equal("/ok", Assert.Single(_requests).Path);
    }

    private static async Task<string?> LoopbackNameAsync()
    {
        foreach (var name in new[] { Dns.GetHostName(), "localhost.localdomain" })
        {
            try
            {
                if (!string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
                    && (await Dns.GetHostAddressesAsync(name, System.Net.Sockets.AddressFamily.InterNetwork)).Any(a => a.Equals(IPAddress.Loopback)))
                {
                    return name;
                }
            }
            catch (System.Net.Sockets.SocketException)
            {
                // Not known here: try the next.
            }
        }

        return null;
    }

    private void WriteAdminFiles(Uri url)
    {
        new AdminAnnouncement(url, Environment.ProcessId, DateTimeOffset.UtcNow).WriteTo(State);
        File.WriteAllText(TokenPath, Token);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(TokenPath, Private);
            Assert.Equal(Private, File.GetUnixFileMode(JsonPath)); // the gateway writes admin.json owner-only
        }
    }

    private static async Task ChownAsync(string path, int uid)
    {
        using var chown = Process.Start(new ProcessStartInfo("chown", [uid.ToString(System.Globalization.CultureInfo.InvariantCulture), path]) { UseShellExecute = false })!;
        await chown.WaitForExitAsync();
        Assert.Equal(0, chown.ExitCode);
    }
}
