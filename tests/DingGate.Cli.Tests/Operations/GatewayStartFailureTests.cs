using System.Net;
using System.Net.Sockets;
using DingGate.Cli.Tests.Support;

namespace DingGate.Cli.Tests.Operations;

public sealed class GatewayStartFailureTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dinggate-start-fail-" + Guid.NewGuid().ToString("N"));

    public GatewayStartFailureTests() => Directory.CreateDirectory(_dir);

    [Fact]
    public async Task Gateway_AdminPortTaken_Exit1SayingWhatToDo()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var config = Write($"{{ channels: {{ dingtalk: {{ clientId: 'dingx', clientSecret: 's', endpoints: {{ api: 'http://127.0.0.1:9', oapi: 'http://127.0.0.1:9' }} }} }}, gateway: {{ stateDir: './state', adminPort: {port} }} }}");

        var (code, _, error) = await CliRun.RunAsync("gateway", "--config", config);

        Assert.Equal(1, code);
        Assert.Contains($"the admin port 127.0.0.1:{port} is in use", error, StringComparison.Ordinal);
        Assert.Contains("set gateway.adminPort", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_StateDatabaseIsNotADatabase_Exit1NamingIt()
    {
        var state = Path.Combine(_dir, "state");
        Directory.CreateDirectory(state);
        await File.WriteAllTextAsync(Path.Combine(state, "dinggate.db"), "this is not a database, just text long enough to be read as a header");
        var config = Write("{ channels: { dingtalk: { clientId: 'dingx', clientSecret: 's', endpoints: { api: 'http://127.0.0.1:9', oapi: 'http://127.0.0.1:9' } } }, gateway: { stateDir: './state', adminPort: 0 } }");

        var (code, _, error) = await CliRun.RunAsync("gateway", "--config", config);

        Assert.Equal(1, code);
        Assert.Contains("the state database in " + state + " cannot be used", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "dinggate.json");
        File.WriteAllText(path, text);
        return path;
    }
}
