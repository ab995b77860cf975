using DingGate.Cli.Admin;
using DingGate.Cli.Gateway.Locking;
using DingGate.Cli.Tests.EndToEnd;
using DingGate.Cli.Tests.Support;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.Cli.Tests.Locking;

/// <summary>
/// One owner per state directory (issue 12 item 3): a second <c>dinggate gateway</c> on the same state exits 1 at once
/// naming the first (pid, admin URL), never announces, never deletes the first's <c>admin.json</c>; the first keeps
/// answering and <c>gateway status</c> still finds it; a killed gateway's lock is free again.
/// </summary>
public sealed class OneOwnerPerStateTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public OneOwnerPerStateTests() => Directory.CreateDirectory(_dir.Path);

    [Fact]
    public async Task SecondGateway_SameState_Exits1NamingTheFirst_AndTheFirstKeepsAnswering()
    {
        await using var emu = await EmulatorUnderTest.StartAsync(demoApp: true);
        var state = Path.Combine(_dir.Path, "state");
        var file = Path.Combine(_dir.Path, "dinggate.json5");
        await File.WriteAllTextAsync(file, $$"""
            {
              gateway: { stateDir: "{{state}}", logLevel: "warning", adminPort: 0 },
              models: { default: { provider: "demo" } },
              channels: { dingtalk: {
                dmPolicy: "open", messageType: "markdown",
                clientId: "{{EmulatorUnderTest.DemoClientId}}", clientSecret: "{{EmulatorUnderTest.DemoClientSecret}}",
                endpoints: { api: "{{emu.BaseUrl}}", oapi: "{{emu.BaseUrl}}" },
              } },
            }
            """);
        await using var first = CliRun.Start("gateway", "--config", file);
        await TestWait.UntilAsync(() => first.Output.ToString().Contains("Press Ctrl+C to stop.", StringComparison.Ordinal) || first.Completion.IsCompleted, "the first gateway's banner");
        Assert.False(first.Completion.IsCompleted, "the first gateway exited early: " + first.Error);
        await emu.WaitForNewConnectionAsync([]);
        var announced = AdminAnnouncement.ReadFrom(state)!;

        var (code, output, error) = await CliRun.RunAsync("gateway", "--config", file);

        Assert.Equal(1, code);
        Assert.Contains($"another gateway already runs on the state directory {state} (pid {announced.Pid}, admin {announced.Url})", error, StringComparison.Ordinal);
        Assert.DoesNotContain("is running", output, StringComparison.Ordinal);
        Assert.Single(await emu.ActiveConnectionsAsync()); // the second never connected
        Assert.Equal(announced, AdminAnnouncement.ReadFrom(state)); // admin.json is still the first's
        var status = await CliRun.RunAsync("gateway", "status", "--config", file);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains($"Gateway: running (pid {announced.Pid},", status.Output, StringComparison.Ordinal);

        await emu.SendDmAsync("还在吗");
        IReadOnlyList<RecordedCall> replies = [];
        await TestWait.UntilAsync(async () => (replies = await Wire.MessagesAsync(emu)).Count > 0, "the first gateway's answer");
        var code0 = await first.StopAsync();
        Assert.Equal(0, code0);
        var answers = (await Wire.MessagesAsync(emu)).Where(r => Wire.WebhookText(r.Body).Contains("还在吗", StringComparison.Ordinal)).ToList();
        Assert.Single(answers);
        Assert.False(File.Exists(AdminAnnouncement.PathIn(state)), "the first removes its own admin.json at stop");
    }

    [Fact]
    public async Task Lock_HeldWhileAGatewayRuns_FreeOnceItIsKilled()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        var state = Path.Combine(_dir.Path, "state");
        var gateway = await GatewayUnderTest.StartAsync(emu, state, new ScriptedChatClient());

        var refused = Assert.Throws<GatewayLockedException>(() => GatewayLock.Acquire(state));
        Assert.Equal(Environment.ProcessId, refused.Holder?.Pid);
        await gateway.KillAsync(); // disposed without a stop: no drain, no admin.json cleanup

        var taken = GatewayLock.Acquire(state);
        taken.Dispose();
        Assert.Equal(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), (await ReadSharedAsync(taken.Path)).Trim());
    }

    [Fact]
    public void Lock_NeverAnnounced_NamesNoStaleHolder()
    {
        var state = Path.Combine(_dir.Path, "state");
        Directory.CreateDirectory(state);
        new AdminAnnouncement(new Uri("http://127.0.0.1:1/"), int.MaxValue - 7, DateTimeOffset.UnixEpoch).WriteTo(state); // a crashed process's leftover
        using var held = GatewayLock.Acquire(state);

        var refused = Assert.Throws<GatewayLockedException>(() => GatewayLock.Acquire(state));

        Assert.Null(refused.Holder);
        Assert.Contains("pid unknown", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    // The holder's handle is exclusive (.NET locks on every open), so the pid is read after the release.
    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
