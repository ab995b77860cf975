using DingGate.Cli.Tests.Support;
using DingGate.Core.Storage;
using DingGate.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Tests.Operations;

// pairing and allow against the state database, no gateway running.
public sealed class StateVerbTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dinggate-state-verbs-" + Guid.NewGuid().ToString("N"));
    private readonly string _config;

    public StateVerbTests()
    {
        Directory.CreateDirectory(_dir);
        _config = Path.Combine(_dir, "dinggate.json");
        File.WriteAllText(_config, """
            { channels: { dingtalk: { dmPolicy: "pairing",
                accounts: { main: { clientId: "dingmain", clientSecret: "s-main" }, sales: { clientId: "dingsales", clientSecret: "s-sales" } } } },
              gateway: { stateDir: "./state" } }
            """);
    }

    [Fact]
    public async Task PairingList_PendingCodes_Listed()
    {
        await AddPendingAsync("main", "ABCD2345", "user001", "张三");

        var (code, output, _) = await CliRun.RunAsync("pairing", "list", "--config", _config, "--account", "main");

        Assert.Equal(0, code);
        Assert.Contains("ABCD2345", output, StringComparison.Ordinal);
        Assert.Contains("user001", output, StringComparison.Ordinal);
        Assert.Contains("张三", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PairingApprove_GatewayNotRunning_StoredAndSaysNotNotified()
    {
        await AddPendingAsync("main", "ABCD2345", "user001", "张三");

        var (code, output, _) = await CliRun.RunAsync("pairing", "approve", "abcd2345", "--config", _config, "-a", "main");

        Assert.Equal(0, code);
        Assert.Contains("Approved user001", output, StringComparison.Ordinal);
        Assert.Contains("not running", output, StringComparison.Ordinal);
        await using var store = Store();
        Assert.True(await store.GetRequiredService<IPairingStore>().IsApprovedAsync("main", "user001", CancellationToken.None));
        Assert.Empty(await store.GetRequiredService<IPairingStore>().ListPendingAsync("main", Now, CancellationToken.None));
    }

    [Fact]
    public async Task PairingDeny_Code_RemovedNotApproved()
    {
        await AddPendingAsync("sales", "WXYZ6789", "user002", "李四");

        var (code, output, _) = await CliRun.RunAsync("pairing", "deny", "WXYZ6789", "--config", _config, "--account", "sales");

        Assert.Equal(0, code);
        Assert.Contains("Denied user002", output, StringComparison.Ordinal);
        await using var store = Store();
        Assert.False(await store.GetRequiredService<IPairingStore>().IsApprovedAsync("sales", "user002", CancellationToken.None));
        Assert.Empty(await store.GetRequiredService<IPairingStore>().ListPendingAsync("sales", Now, CancellationToken.None));
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("deny")]
    public async Task Pairing_UnknownCode_Exit1(string verb)
    {
        var (code, _, error) = await CliRun.RunAsync("pairing", verb, "NOPE0000", "--config", _config, "--account", "main");

        Assert.Equal(1, code);
        Assert.Contains("unknown or expired pairing code 'NOPE0000'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pairing_SeveralAccountsNoAccountOption_Exit2NamingThem()
    {
        var (code, _, error) = await CliRun.RunAsync("pairing", "list", "--config", _config);

        Assert.Equal(2, code);
        Assert.Contains("--account is needed (enabled: main, sales)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pairing_UnknownAccount_Exit2()
    {
        var (code, _, error) = await CliRun.RunAsync("pairing", "list", "--config", _config, "--account", "ops");

        Assert.Equal(2, code);
        Assert.Contains("no enabled DingTalk account 'ops'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allow_AddListRemove_RoundTripPerAccount()
    {
        var added = await CliRun.RunAsync("allow", "add", "manager01", "--config", _config, "--account", "main");
        var listed = await CliRun.RunAsync("allow", "list", "--config", _config, "--account", "main");
        var otherAccount = await CliRun.RunAsync("allow", "list", "--config", _config, "--account", "sales");
        var removed = await CliRun.RunAsync("allow", "remove", "manager01", "--config", _config, "--account", "main");
        var again = await CliRun.RunAsync("allow", "remove", "manager01", "--config", _config, "--account", "main");

        Assert.Equal(0, added.ExitCode);
        Assert.Equal("manager01", listed.Output.Trim());
        Assert.DoesNotContain("manager01", otherAccount.Output, StringComparison.Ordinal);
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("not on the list", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllowAdd_ControlCharacters_Exit2()
    {
        var (code, _, error) = await CliRun.RunAsync("allow", "add", "bad\nid", "--config", _config, "--account", "main");

        Assert.Equal(2, code);
        Assert.Contains("without control characters", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pairing_BrokenConfig_Exit78()
    {
        await File.WriteAllTextAsync(_config, "{ channels: { dingtalk: { dmPolicy: 'maybe' } } }");

        var (code, _, error) = await CliRun.RunAsync("pairing", "list", "--config", _config);

        Assert.Equal(78, code);
        Assert.Contains("channels.dingtalk.dmPolicy", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ServiceProvider Store() => new ServiceCollection().AddSqliteStorage(Path.Combine(_dir, "state")).BuildServiceProvider();

    private async Task AddPendingAsync(string account, string code, string user, string nick)
    {
        await using var store = Store();
        await store.GetRequiredService<IPairingStore>().AddPendingAsync(
            new PairingRequest(account, code, user, nick, "cid1", Now, Now.AddHours(1)), CancellationToken.None);
    }
}
