using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Tls;

public sealed class EmulatorTlsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dinggate-tls-tests-" + Guid.NewGuid().ToString("N"));

    private string CaPath => Path.Combine(_folder, "nested", "ca.pem");

    [Fact]
    public async Task AccessToken_OverTlsWithApiHostSniAndCaTrusted_Succeeds()
    {
        await using var emu = await StartTlsAsync();
        using var ca = X509CertificateLoader.LoadCertificateFromFile(CaPath);
        using var client = TlsClient.Create(emu.Host.BaseUrl.Port, ca);

        using var response = await client.PostAsJsonAsync("https://api.dingtalk.com/v1.0/oauth2/accessToken", new { appKey = TestEmulator.ClientId, appSecret = TestEmulator.ClientSecret });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(32, body!["accessToken"]!.GetValue<string>().Length);
        var call = Assert.Single(emu.Recorder.HttpCalls, c => c.Path == "/v1.0/oauth2/accessToken");
        Assert.Equal(200, call.Status);
    }

    [Theory]
    [InlineData("https://oapi.dingtalk.com/gettoken?appkey=dingtestapp001&appsecret=test-secret-001")]
    [InlineData("https://wss-open-connection.dingtalk.com/gettoken?appkey=dingtestapp001&appsecret=test-secret-001")]
    [InlineData("https://localhost/gettoken?appkey=dingtestapp001&appsecret=test-secret-001")]
    public async Task LegacyToken_OverTlsForEveryCoveredHost_Succeeds(string url)
    {
        await using var emu = await StartTlsAsync();
        using var ca = X509CertificateLoader.LoadCertificateFromFile(CaPath);
        using var client = TlsClient.Create(emu.Host.BaseUrl.Port, ca);

        var body = await client.GetFromJsonAsync<JsonObject>(url);

        Assert.Equal(0, body!["errcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task AccessToken_ClientNotTrustingTheCa_FailsTheHandshake()
    {
        await using var emu = await StartTlsAsync();
        var seen = SslPolicyErrors.None;
        using var client = TlsClient.Create(emu.Host.BaseUrl.Port, trustedRoot: null, observe: e => seen = e);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsJsonAsync("https://api.dingtalk.com/v1.0/oauth2/accessToken", new { appKey = TestEmulator.ClientId, appSecret = TestEmulator.ClientSecret }));
        Assert.True(seen.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.DoesNotContain(emu.Recorder.HttpCalls, c => c.Path == "/v1.0/oauth2/accessToken");
    }

    [Fact]
    public async Task AccessToken_HostNotInCertificate_IsRejectedByNameCheck()
    {
        await using var emu = await StartTlsAsync();
        using var ca = X509CertificateLoader.LoadCertificateFromFile(CaPath);
        var seen = SslPolicyErrors.None;
        using var client = TlsClient.Create(emu.Host.BaseUrl.Port, ca, e => seen = e);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("https://example.com/gettoken"));
        Assert.True(seen.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [Fact]
    public async Task Start_Tls_WritesCaCertificatePemWithoutPrivateKey()
    {
        await using var emu = await StartTlsAsync();

        Assert.Equal(CaPath, emu.Host.CaCertificatePath);
        var pem = await File.ReadAllTextAsync(CaPath);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", pem, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", pem, StringComparison.Ordinal);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(CaPath);
        var basic = ca.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(basic.CertificateAuthority);
        Assert.True(basic.Critical);
        Assert.True(ca.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));
        Assert.Equal(ca.SubjectName.Name, ca.IssuerName.Name);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(CaPath)!));
    }

    [Fact]
    public async Task Start_Tls_ServerCertificateCoversDingTalkHostsAndLoopbackForServerAuth()
    {
        await using var emu = await StartTlsAsync();
        using var ca = X509CertificateLoader.LoadCertificateFromFile(CaPath);
        X509Certificate2? served = null;
        using var client = TlsClient.Create(emu.Host.BaseUrl.Port, ca, capture: c => served = c);

        using var _ = await client.GetAsync("https://api.dingtalk.com/gettoken");

        Assert.NotNull(served);
        var san = served!.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        var dns = san.EnumerateDnsNames().ToList();
        Assert.Contains("api.dingtalk.com", dns);
        Assert.Contains("oapi.dingtalk.com", dns);
        Assert.Contains("wss-open-connection.dingtalk.com", dns);
        Assert.Contains("localhost", dns);
        var ips = san.EnumerateIPAddresses().ToList();
        Assert.Contains(IPAddress.Loopback, ips);
        Assert.Contains(IPAddress.IPv6Loopback, ips);
        var eku = served.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        Assert.Contains(eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.1");
        Assert.False(served.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(ca.SubjectName.Name, served.IssuerName.Name);
        Assert.InRange((served.NotAfter - served.NotBefore).TotalDays, 360, 370);
    }

    [Fact]
    public async Task Start_WithCaKeyPath_ReusesTheSameCaAcrossRestarts()
    {
        var keyPath = Path.Combine(_folder, "ca-key.pem");
        string firstThumbprint;
        await using (var first = await StartTlsAsync(o => o.CaKeyPath = keyPath))
        {
            firstThumbprint = X509CertificateLoader.LoadCertificateFromFile(CaPath).Thumbprint;
        }

        await using var second = await StartTlsAsync(o => o.CaKeyPath = keyPath);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(CaPath);
        using var client = TlsClient.Create(second.Host.BaseUrl.Port, ca);
        using var response = await client.GetAsync("https://api.dingtalk.com/gettoken?appkey=dingtestapp001&appsecret=test-secret-001");

        Assert.Equal(firstThumbprint, ca.Thumbprint);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("PRIVATE KEY", await File.ReadAllTextAsync(keyPath), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        }
    }

    [Fact]
    public async Task Start_WithoutCaKeyPath_CreatesFreshCaEachStart()
    {
        string firstThumbprint;
        await using (var first = await StartTlsAsync())
        {
            firstThumbprint = X509CertificateLoader.LoadCertificateFromFile(CaPath).Thumbprint;
        }

        await using var second = await StartTlsAsync();
        using var ca = X509CertificateLoader.LoadCertificateFromFile(CaPath);

        Assert.NotEqual(firstThumbprint, ca.Thumbprint);
    }

    [Fact]
    public async Task StreamRegistrationBase_InTlsMode_IsHttpsAndStreamEndpointIsWss()
    {
        await using var emu = await StartTlsAsync(o => o.PublicHost = "api.dingtalk.com");

        var address = emu.Get<EmulatorAddress>();

        Assert.Equal("https", emu.Host.BaseUrl.Scheme);
        Assert.Equal($"https://api.dingtalk.com:{emu.Host.BaseUrl.Port}/", emu.Host.PublicBaseUrl.ToString());
        Assert.Equal($"wss://api.dingtalk.com:{emu.Host.BaseUrl.Port}/connect", address.StreamEndpoint());
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Task<TestEmulator> StartTlsAsync(Action<EmulatorOptions>? configure = null) => TestEmulator.StartAsync(o =>
    {
        o.Tls = true;
        o.CaCertificatePath = CaPath;
        configure?.Invoke(o);
    });
}
