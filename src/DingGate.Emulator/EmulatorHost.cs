using System.Net;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Recording;
using DingGate.Emulator.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DingGate.Emulator;

/// <summary>
/// The DingTalk emulator as one Kestrel server: api-host routes (<c>/v1.0/*</c>), oapi-host routes, the Stream
/// WebSocket (<c>/connect</c>), the control API (<c>/_emulator/*</c>) and the control page (<c>/</c>).
/// Used by <c>dinggate emulator</c>, <c>dinggate sandbox</c> and tests.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorHost(WebApplication app, EmulatorOptions options)
    {
        _app = app;
        Options = options;
    }

    /// <summary>The options the emulator runs with (live: changes through the control API show here).</summary>
    public EmulatorOptions Options { get; }

    /// <summary>Base URL the server listens on, e.g. <c>http://127.0.0.1:5123</c>. Set once started.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Base URL clients are told to use (the public URL when one is configured, else <see cref="BaseUrl"/>).</summary>
    public Uri PublicBaseUrl => Options.PublicBaseUrl ?? (Options.PublicHost is { } host ? new UriBuilder(BaseUrl) { Host = host }.Uri : BaseUrl);

    /// <summary>Path of the CA certificate PEM in TLS mode; null otherwise.</summary>
    public string? CaCertificatePath { get; private set; }

    /// <summary>The emulator's services, for in-process tests.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Builds the emulator; call <see cref="StartAsync"/> to listen. <paramref name="configureServices"/> runs after the
    /// emulator's own registrations, so tests can replace a service (e.g. a fake stream pusher).
    /// </summary>
    public static EmulatorHost Create(EmulatorOptions options, Action<ILoggingBuilder>? logging = null, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Apps.Count == 0)
        {
            options.Apps.Add(new EmulatedAppOptions { ClientId = "dingdemoappkey", ClientSecret = "demo-secret", Name = "DingGate Demo Bot" });
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        var tls = options.Tls ? EmulatorTls.Prepare(options) : null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 64L * 1024 * 1024;
            kestrel.Listen(IPAddress.Parse(options.Host), options.Port, listen =>
            {
                if (tls is not null)
                {
                    listen.UseHttps(tls.ServerCertificate);
                }
            });
        });
        builder.Services.AddEmulator(options);
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseEmulator();
        return new EmulatorHost(app, options) { CaCertificatePath = tls?.CaPath };
    }

    /// <summary>Starts listening and resolves <see cref="BaseUrl"/>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        _app.Services.GetRequiredService<EmulatorAddress>().Set(BaseUrl, PublicBaseUrl);
    }

    /// <summary>Waits until the host is stopped (Ctrl+C in the CLI).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the server, closing every Stream connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    internal TrafficRecorder Recorder => Get<TrafficRecorder>();

    internal AppRegistry Apps => Get<AppRegistry>();
}
