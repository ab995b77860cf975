using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using DingGate.Cli.Tests.Support;

namespace DingGate.Cli.Tests.Emulator;

public sealed class EmulatorCommandTests
{
    private const string ClientId = "dingcliapp0001";
    private const string Secret = "cli-secret-Zq81-never-printed";

    [Fact]
    public async Task Help_Emulator_ListsEveryOptionAndExitCodes()
    {
        var (code, output, _) = await CliRun.RunAsync("emulator", "--help");

        Assert.Equal(0, code);
        foreach (var option in new[] { "--port", "--host", "--tls", "--ca-path", "--ca-key-path", "--public-url", "--public-host", "--client-id", "--client-secret", "--seed", "--ping-interval-ms", "--redelivery-window-ms" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }

        Assert.Contains("[default: 9580]", output, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0", output, StringComparison.Ordinal);
        Assert.Contains("'dingdemoappkey'", output, StringComparison.Ordinal);
        Assert.Contains("'demo-secret'", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--client-id a --client-id b --client-secret s", "--client-id and --client-secret must come in pairs (got 2 id(s) and 1 secret(s))")]
    [InlineData("--client-secret s", "--client-id and --client-secret must come in pairs (got 0 id(s) and 1 secret(s))")]
    [InlineData("--client-id a --client-secret s --client-id a --client-secret t", "each --client-id may be given only once")]
    [InlineData("--port 65536", "--port must be between 0 and 65535 (got '65536')")]
    [InlineData("--port -1", "--port must be between 0 and 65535 (got '-1')")]
    [InlineData("--port abc", "--port must be between 0 and 65535 (got 'abc')")]
    [InlineData("--seed x", "--seed must be a whole number (got 'x')")]
    [InlineData("--public-url not-a-url", "--public-url must be an absolute http:// or https:// URL (got 'not-a-url')")]
    [InlineData("--public-url ftp://api.dingtalk.com", "--public-url must be an absolute http:// or https:// URL (got 'ftp://api.dingtalk.com')")]
    [InlineData("--host api.dingtalk.com", "--host must be an IP address or 'localhost' (got 'api.dingtalk.com')")]
    [InlineData("--ping-interval-ms -5", "--ping-interval-ms must be 0 or more (got '-5')")]
    [InlineData("--redelivery-window-ms 0", "--redelivery-window-ms must be more than 0 (got '0')")]
    [InlineData("--bogus", "--bogus")]
    [InlineData("--ca-path /tmp/ca.pem", "--ca-path and --ca-key-path need --tls")]
    public async Task Run_BadArguments_PrintsOneLineErrorAndExits2(string arguments, string expected)
    {
        var (code, output, error) = await CliRun.RunAsync(["emulator", .. arguments.Split(' ')]);

        Assert.Equal(2, code);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("dinggate emulator: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.EndsWith("Run 'dinggate emulator --help' for usage.", line.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PortInUse_PrintsErrorAndExits1()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;

        var (code, output, error) = await CliRun.RunAsync("emulator", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Equal($"dinggate emulator: cannot listen on 127.0.0.1:{port}: the address is already in use (is another emulator running? choose another --port, or --port 0)", error.TrimEnd());
    }

    [Fact]
    public async Task Run_WithClientCredentials_ServesTokensAndNeverPrintsTheSecret()
    {
        await using var run = CliRun.Start("emulator", "--port", "0", "--client-id", ClientId, "--client-secret", Secret, "--seed", "7");
        var baseUrl = await run.WaitForListeningAsync();

        using var http = new HttpClient { BaseAddress = baseUrl };
        using var response = await http.PostAsJsonAsync("/v1.0/oauth2/accessToken", new { appKey = ClientId, appSecret = Secret });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var exitCode = await run.StopAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(7200, body!["expireIn"]!.GetValue<int>());
        Assert.Equal(0, exitCode);
        var output = run.Output.ToString();
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.Error.ToString(), StringComparison.Ordinal);
        Assert.Empty(run.Error.ToString());
        Assert.Equal("http", baseUrl.Scheme);
        Assert.NotEqual(0, baseUrl.Port);
        Assert.Contains($"  {ClientId} ", output, StringComparison.Ordinal);
        Assert.Contains($"POST {baseUrl}v1.0/gateway/connections/open", output, StringComparison.Ordinal);
        Assert.Contains($"control API          {baseUrl}_emulator/", output, StringComparison.Ordinal);
        Assert.Contains($"control page         {baseUrl}", output, StringComparison.Ordinal);
        Assert.Contains("Emulator stopped.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("TLS:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithoutApps_RegistersDemoAppWithoutPrintingItsSecret()
    {
        await using var run = CliRun.Start("emulator", "--port", "0");
        var baseUrl = await run.WaitForListeningAsync();

        using var http = new HttpClient { BaseAddress = baseUrl };
        using var response = await http.PostAsJsonAsync("/v1.0/oauth2/accessToken", new { appKey = "dingdemoappkey", appSecret = "demo-secret" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await run.StopAsync());
        Assert.Contains("dingdemoappkey", run.Output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("demo-secret", run.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Tls_PrintsCaPathAndTrustHints()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dinggate-cli-tests-" + Guid.NewGuid().ToString("N"));
        var caPath = Path.Combine(folder, "ca.pem");
        try
        {
            await using var run = CliRun.Start("emulator", "--port", "0", "--tls", "--ca-path", caPath, "--client-id", ClientId, "--client-secret", Secret);
            var baseUrl = await run.WaitForListeningAsync();
            Assert.Equal(0, await run.StopAsync());

            var output = run.Output.ToString();
            Assert.Equal("https", baseUrl.Scheme);
            Assert.True(File.Exists(caPath));
            Assert.Contains($"CA certificate       {caPath}", output, StringComparison.Ordinal);
            Assert.Contains($"NODE_EXTRA_CA_CERTS={caPath}", output, StringComparison.Ordinal);
            Assert.Contains($"curl --cacert {caPath} --connect-to api.dingtalk.com:443:127.0.0.1:{baseUrl.Port} https://api.dingtalk.com/", output, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Run_PublicUrl_AdvertisesItForStreamRegistration()
    {
        await using var run = CliRun.Start("emulator", "--port", "0", "--public-url", "http://bot-emulator.test:8080/");
        await run.WaitForListeningAsync();
        Assert.Equal(0, await run.StopAsync());

        var output = run.Output.ToString();
        Assert.Contains("public base URL      http://bot-emulator.test:8080/", output, StringComparison.Ordinal);
        Assert.Contains("POST http://bot-emulator.test:8080/v1.0/gateway/connections/open", output, StringComparison.Ordinal);
    }
}
