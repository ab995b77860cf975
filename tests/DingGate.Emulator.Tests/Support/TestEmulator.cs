using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DingGate.Emulator.Recording;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.Emulator.Tests.Support;

/// <summary>
/// A real emulator on 127.0.0.1:0 with a fake clock, one app (<see cref="ClientId"/>/<see cref="ClientSecret"/>) and an
/// HttpClient pointed at it. Dispose to stop it.
/// </summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    public const string ClientId = "dingtestapp001";
    public const string ClientSecret = "test-secret-001";

    private TestEmulator(EmulatorHost host, FakeTimeProvider time)
    {
        Host = host;
        Time = time;
        Http = new HttpClient(CreateHandler(host.CaCertificatePath)) { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public EmulatorHost Host { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public TrafficRecorder Recorder => Host.Recorder;

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public static async Task<TestEmulator> StartAsync(Action<EmulatorOptions>? configure = null, Action<IServiceCollection>? configureServices = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        var options = new EmulatorOptions { Port = 0, Seed = 42, TimeProvider = time };
        options.Apps.Add(new EmulatedAppOptions { ClientId = ClientId, ClientSecret = ClientSecret, Name = "Test Bot" });
        configure?.Invoke(options);
        var host = EmulatorHost.Create(options, configureServices: configureServices);
        await host.StartAsync();
        return new TestEmulator(host, time);
    }

    /// <summary>Fetches a token through the real new-style token route.</summary>
    public async Task<string> GetTokenAsync(string clientId = ClientId, string secret = ClientSecret)
    {
        using var response = await Http.PostAsJsonAsync("/v1.0/oauth2/accessToken", new { appKey = clientId, appSecret = secret });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["accessToken"]!.GetValue<string>();
    }

    /// <summary>Sends a JSON request (string body sent verbatim) and returns status and parsed body.</summary>
    public async Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, object? body = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            var json = body as string ?? System.Text.Json.JsonSerializer.Serialize(body);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Add("x-acs-dingtalk-access-token", token);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    // In TLS mode the client trusts exactly the emulator's CA, as an unmodified bot pointed at the emulator would.
    private static HttpMessageHandler CreateHandler(string? caPath)
    {
        if (caPath is null)
        {
            return new SocketsHttpHandler();
        }

        var pemText = File.ReadAllText(caPath);
        var pem = System.Security.Cryptography.PemEncoding.Find(pemText);
        var ca = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(Convert.FromBase64String(pemText[pem.Base64Data]));
        return new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    if (certificate is null)
                    {
                        return false;
                    }

                    using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
                    chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
                    return chain.Build(certificate as System.Security.Cryptography.X509Certificates.X509Certificate2
                        ?? System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
                },
            },
        };
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
