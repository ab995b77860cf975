using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DingGate.Cli.Admin;
using DingGate.Cli.Gateway;
using DingGate.Core.Configuration;
using DingGate.Emulator;
using Microsoft.Extensions.Hosting;

namespace DingGate.Cli.Tests.Admin;

// The real gateway host on a temporary state directory, connected to an in-process emulator, and its admin endpoint.
public abstract class AdminTestBase : IAsyncLifetime
{
    private protected readonly string _state = Path.Combine(Path.GetTempPath(), "dinggate-admin-" + Guid.NewGuid().ToString("N"));
    private protected readonly EmulatorHost _emulator = EmulatorHost.Create(new EmulatorOptions { Port = 0 });
    private protected readonly HttpClient _http = new();
    private protected IHost? _gateway;

    public async Task InitializeAsync() => await _emulator.StartAsync();

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            _gateway.Dispose();
        }

        await _emulator.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    private protected DingTalkChannelSettings Account(string clientId, string secret) =>
        new() { ClientId = clientId, ClientSecret = secret, MessageType = "markdown", Endpoints = Endpoints() };

    private protected DingTalkEndpoints Endpoints() => new() { Api = _emulator.BaseUrl, Oapi = _emulator.BaseUrl };

    private protected async Task<Uri> StartAsync(
        DingTalkChannelSettings channel, TimeProvider? time = null, string? logDirectory = null, Action<DinggateConfig>? configure = null)
    {
        var config = new DinggateConfig();
        config.Channels.Dingtalk = channel;
        configure?.Invoke(config);
        _gateway = GatewayHost.Build(new GatewayHostSettings { Config = config, StateDirectory = _state, Time = time ?? TimeProvider.System, LogDirectory = logDirectory });
        await _gateway.StartAsync();
        var token = await File.ReadAllTextAsync(Path.Combine(_state, AdminToken.FileName));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return AdminAnnouncement.ReadFrom(_state)!.Url;
    }

    private protected Task<HttpResponseMessage> GetAsync(Uri admin, string path) => _http.GetAsync(new Uri(admin, path));

    private protected async Task<JsonObject> WaitForStatusAsync(Uri admin, Func<JsonObject, bool> account)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var status = await _http.GetFromJsonAsync<JsonObject>(new Uri(admin, "/status"), timeout.Token);
            if (status!["accounts"]!.AsArray().OfType<JsonObject>().FirstOrDefault(account) is { } match)
            {
                return match;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    private protected async Task<string> WaitForMetricsAsync(Uri admin, Func<string, bool> complete)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var text = string.Empty;
        while (!timeout.IsCancellationRequested)
        {
            text = await _http.GetStringAsync(new Uri(admin, "/metrics"), CancellationToken.None);
            if (complete(text))
            {
                return text;
            }

            await Task.Delay(50, CancellationToken.None);
        }

        return text; // the assertions then name what is missing
    }
}
