using DingGate.Agent.Providers;
using DingGate.Agent.Tests.Support;
using DingGate.Cli.Admin;
using DingGate.Cli.Gateway;
using DingGate.Cli.Gateway.Locking;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DingGate.Cli.Tests.Permissions;

/// <summary>
/// Issue 13, admin hardening: whatever the gateway creates under its state directory (the database and its -wal/-shm,
/// admin.json, admin.token, gateway.lock, JSONL logs, downloaded media) is 0600, its directories 0700, whatever the
/// process umask; an existing state directory with looser modes is tightened at start and the change logged.
/// </summary>
public sealed class StateFileModeTests : IAsyncDisposable
{
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = PrivateFile | UnixFileMode.UserExecute;
    private const UnixFileMode Loose = PrivateFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode LooseDirectory = PrivateDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "dinggate-modes-" + Guid.NewGuid().ToString("N"));

    private string State => Path.Combine(_root, "state");

    [Fact]
    public async Task GatewayRunWithAFileMessage_EveryFileItCreated0600_EveryDirectory0700()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Directory.CreateDirectory(_root); // the default umask makes this one 0755: the state directory below is the gateway's
        await using var emulator = await EmulatorUnderTest.StartAsync();
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "收到图片。") };
        using (var gateway = await StartAsync(emulator, model))
        {
            await emulator.InjectAsync(new
            {
                from = "user001", conversation = "dm", msgtype = "picture",
                file = new { name = "photo.png", contentType = "image/png", contentBase64 = Convert.ToBase64String(Fixtures.Png) },
            });
            var call = await model.WaitForCallAsync(1);
            await call.Ended.WaitAsync(TimeSpan.FromSeconds(30));

            var running = Modes();
            Assert.Contains(running.Keys, p => p.EndsWith("dinggate.db-wal", StringComparison.Ordinal));
            Assert.Contains(running.Keys, p => p.EndsWith("dinggate.db-shm", StringComparison.Ordinal));
            AssertOwnerOnly(running);
            await gateway.StopAsync();
        }

        var after = Modes();
        var names = after.Keys.Select(p => Path.GetRelativePath(State, p)).ToList();
        Assert.Contains("dinggate.db", names);
        Assert.Contains(AdminToken.FileName, names);
        Assert.Contains(GatewayLock.FileName, names);
        Assert.Contains(names, n => n.StartsWith("logs" + Path.DirectorySeparatorChar + "dinggate-", StringComparison.Ordinal) && n.EndsWith(".jsonl", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("media" + Path.DirectorySeparatorChar, StringComparison.Ordinal) && n.EndsWith(".png", StringComparison.Ordinal));
        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(State));
        AssertOwnerOnly(after);
    }

    // admin.json lives only while the gateway runs.
    [Fact]
    public async Task GatewayRunning_AdminJson0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var emulator = await EmulatorUnderTest.StartAsync();
        using var gateway = await StartAsync(emulator, new ScriptedChatClient());

        Assert.Equal(PrivateFile, File.GetUnixFileMode(AdminAnnouncement.PathIn(State)));
        await gateway.StopAsync();
    }

    [Fact]
    public async Task GatewayStart_StateDirectoryWithLooseModes_TightenedAndLogged_SymlinkTargetsLeftAlone()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // A state directory as an older version (or a copy) left it: 0755 directories, 0644 files.
        Directory.CreateDirectory(State);
        await using (var storage = new ServiceCollection().AddSqliteStorage(State).BuildServiceProvider())
        {
            storage.GetRequiredService<Core.Storage.IPairingStore>();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var media = Directory.CreateDirectory(Path.Combine(State, "media", "default", "msg1")).FullName;
        File.WriteAllBytes(Path.Combine(media, "old.png"), Fixtures.Png);
        Directory.CreateDirectory(Path.Combine(State, "logs"));
        File.WriteAllText(Path.Combine(State, "logs", "dinggate-20260101.jsonl"), "{}\n");
        File.WriteAllText(Path.Combine(State, AdminToken.FileName), new string('a', 64));
        var outside = Path.Combine(_root, "outside.txt");
        File.WriteAllText(outside, "not DingGate's");
        File.CreateSymbolicLink(Path.Combine(State, "link-to-outside"), outside);
        foreach (var path in Directory.EnumerateFileSystemEntries(State, "*", SearchOption.AllDirectories).Append(State).Append(outside))
        {
            if (new FileInfo(path).LinkTarget is null)
            {
                File.SetUnixFileMode(path, Directory.Exists(path) ? LooseDirectory : Loose);
            }
        }

        await using var emulator = await EmulatorUnderTest.StartAsync();
        using (var gateway = await StartAsync(emulator, new ScriptedChatClient()))
        {
            await gateway.StopAsync();
        }

        AssertOwnerOnly(Modes());
        Assert.Equal(Loose, File.GetUnixFileMode(outside)); // a link inside is not followed
        var log = string.Concat(Directory.EnumerateFiles(Path.Combine(State, "logs"), "*.jsonl").Select(File.ReadAllText));
        Assert.Contains($"made {Path.Combine(State, AdminToken.FileName).Replace("\\", "\\\\", StringComparison.Ordinal)} owner-only (mode 0644 -> 0600)", log, StringComparison.Ordinal);
        Assert.Contains("owner-only (mode 0755 -> 0700)", log, StringComparison.Ordinal);
        Assert.Contains("dinggate.db owner-only (mode 0644 -> 0600)", log, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private async Task<IHost> StartAsync(EmulatorUnderTest emulator, ScriptedChatClient model)
    {
        var config = new DinggateConfig();
        config.Models["default"] = new ModelSettings { Provider = "openai", Model = "scripted-model", ApiKey = "test-key" };
        config.Channels.Dingtalk = new DingTalkChannelSettings
        {
            ClientId = EmulatorUnderTest.ClientId, ClientSecret = EmulatorUnderTest.ClientSecret, MessageType = "markdown",
            Endpoints = new DingTalkEndpoints { Api = emulator.BaseUrl, Oapi = emulator.BaseUrl },
            DmPolicy = DmPolicy.Open, GroupPolicy = GroupPolicy.Open,
        };
        var known = await emulator.ActiveConnectionsAsync();
        var host = GatewayHost.Build(new GatewayHostSettings
        {
            Config = config,
            StateDirectory = State,
            LogDirectory = Path.Combine(State, "logs"),
            Time = emulator.Time ?? TimeProvider.System,
            ConfigureServices = services => services.AddSingleton<IChatClientProvider>(new ScriptedChatClientProvider(model)),
        });
        await host.StartAsync();
        await emulator.WaitForNewConnectionAsync(known);
        return host;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private Dictionary<string, UnixFileMode> Modes() =>
        Directory.EnumerateFileSystemEntries(State, "*", SearchOption.AllDirectories)
            .Where(p => new FileInfo(p).LinkTarget is null)
            .ToDictionary(p => p, p => File.GetUnixFileMode(p));

    private static void AssertOwnerOnly(Dictionary<string, UnixFileMode> modes)
    {
        Assert.NotEmpty(modes);
        foreach (var (path, mode) in modes)
        {
            var expected = Directory.Exists(path) ? PrivateDirectory : PrivateFile;
            Assert.True(mode == expected, $"{path}: mode {Convert.ToString((int)mode, 8)}, expected {Convert.ToString((int)expected, 8)}");
        }
    }
}
