using DingGate.Core.Cluster;
using System.Net;
using DingGate.Agent;
using DingGate.Agent.Scheduling;
using DingGate.Agent.Sessions;
using DingGate.Agent.Sessions.Cluster;
using DingGate.Agent.Tools.Builtin;
using DingGate.Agent.Tools.Mcp;
using DingGate.Cli.Admin;
using DingGate.Cli.Gateway.Locking;
using DingGate.Cli.Gateway.Logging;
using DingGate.Cli.Gateway.Permissions;
using DingGate.Cli.Gateway.Retention;
using DingGate.Core.Configuration;
using DingGate.Core.Secrets;
using DingGate.DingTalk;
using DingGate.Storage.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace DingGate.Cli.Gateway;

/// <summary>
/// Composes the running gateway on the Generic Host: SQLite state, the DingTalk channel (every enabled account), the
/// agent and its sessions, housekeeping, console and JSONL file logs. The only place that knows every project.
/// </summary>
internal static class GatewayHost
{
    // Meters exported on /metrics: the channel's (stream, API, inbound, replies) and the agent's (M.E.AI).
    private static readonly string[] MeterNames = ["DingGate.DingTalk", Agent.Providers.ChatClientFactory.TelemetrySourceName, RetentionMetrics.MeterName];

    /// <summary>
    /// Takes the state directory's <see cref="GatewayLock"/> first (throws <see cref="GatewayLockedException"/> when
    /// another gateway holds it), makes the state directory owner-only (<see cref="StatePermissions"/>), then composes
    /// the host. The lock is a singleton of the host's container: released when the host is disposed, or by the kernel
    /// when the process dies.
    /// </summary>
    public static IHost Build(GatewayHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stateLock = GatewayLock.Acquire(settings.StateDirectory);
        try
        {
            // Before anything reads the admin token or opens the database: an older or copied state directory with
            // looser modes is made owner-only (logged at start by StatePermissionsReporter).
            var permissions = StatePermissions.Tighten(settings.StateDirectory);
            var app = Compose(settings, stateLock, permissions);

            // Resolved once so the container owns (and disposes) it with the host.
            app.Services.GetRequiredService<GatewayLock>();
            return app;
        }
        catch
        {
            stateLock.Dispose();
            throw;
        }
    }

    private static WebApplication Compose(GatewayHostSettings settings, GatewayLock stateLock, StatePermissionsResult permissions)
    {
        var config = settings.Config;
        var channel = config.Channels.Dingtalk ?? new DingTalkChannelSettings { Enabled = false };
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        var admin = new AdminSettings(settings.AdminPort, settings.StateDirectory);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = AdminSettings.MaxRequestBodyBytes;
            kestrel.Listen(IPAddress.Loopback, admin.Port);
        });
        builder.Services.AddRoutingCore();

        // Under systemd (Type=notify) or the Windows service manager the host reports start and stop to it; else no-ops.
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService();
        builder.Services.AddSingleton(admin);
        builder.Services.AddSingleton(_ => stateLock);
        builder.Services.AddSingleton(settings.Time);
        // The configuration in force; a reload of the config file replaces it (see docs/configuration.md).
        builder.Services.AddSingleton(new LiveConfig(config));
        var replica = ReplicaIdentity.Create(
            config.Gateway.ReplicaId, config.Storage.EffectiveProvider == StorageProvider.Postgres,
            config.Gateway.LeaseSeconds is { } lease ? TimeSpan.FromSeconds(lease) : null);
        builder.Services.AddSingleton(replica);
        builder.Services.AddSingleton(permissions);
        builder.Services.AddHostedService<StatePermissionsReporter>();
        // The one redactor of every sink (console, file log, admin answers): the config's secrets and the admin token.
        var adminToken = AdminToken.LoadOrCreate(settings.StateDirectory);
        var redactor = ConfigSecrets.Redactor(config).With([adminToken]);
        builder.Services.AddSingleton(redactor);
        builder.Logging.ClearProviders();
        ConfigureLogging(builder.Logging, settings, channel, redactor);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout);
        var retention = config.Storage.Retention.Resolve();
        builder.Services
            .AddStateStorage(config.Storage, settings.StateDirectory)
            .AddSharedLimits(config)
            .AddDingTalk(new DingTalkChannelOptions { Settings = channel, StateDirectory = settings.StateDirectory, MediaRetention = retention.Media, Replica = replica })
            .AddAgent(config)
            .AddBuiltinTools(config, settings.StateDirectory)
            .AddAgentSessions(config.Session, config.MaxConcurrentTurns)
            .AddMcpTools(config.Mcp)
            .AddScheduledJobs(config);
        builder.Services.AddRetention(retention);
        builder.Services.AddAdmin();
        builder.Services.AddHostedService<AdminAnnouncer>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("dinggate"))
            .WithMetrics(metrics => metrics.AddMeter(MeterNames).AddPrometheusExporter());

        // Hosted services stop in reverse order: the channel stops reading first, then the running turns drain, then
        // the MCP servers their tools called stop, and last the replica's heartbeat row is removed.
        builder.Services.AddSingleton<Replicas.LocalReplica>();
        builder.Services.AddHostedService<Replicas.ReplicaHeartbeat>();
        if (replica.Clustered)
        {
            // A /stop received here for a turn another replica runs, and the other way round (docs/scale-out.md).
            builder.Services.AddPostgresStopRequests().AddRemoteStops();
            builder.Services.AddHostedService<Replicas.RemoteStopService>();
        }

        builder.Services.AddHostedService<McpHostedService>();
        builder.Services.AddHostedService<SessionDrainService>();
        builder.Services.AddHostedService<ChannelHostedService>();

        // Scheduled jobs send proactively through the channel's accounts; stopped (and awaited) first.
        builder.Services.AddHostedService<JobSchedulerService>();
        AddReload(builder.Services, settings);
        settings.ConfigureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapAdmin(adminToken, config.Gateway.Admin.MetricsAuth ?? true);
        return app;
    }

    // The config file watcher: started after the channel (it applies accounts to it), stopped before anything else.
    private static void AddReload(IServiceCollection services, GatewayHostSettings settings)
    {
        if (settings.ConfigFile is not { } file || settings.Config.Gateway.Reload == false)
        {
            return;
        }

        services.AddSingleton(file);
        services.AddSingleton<Reload.ConfigReloader>();
        services.AddHostedService<Reload.ConfigWatcher>();
    }

    private static void ConfigureLogging(ILoggingBuilder logging, GatewayHostSettings settings, DingTalkChannelSettings channel, SecretRedactor redactor)
    {
        var level = ParseLevel(settings.Config.Gateway.LogLevel);
        logging.SetMinimumLevel(level);
        var debug = channel.Debug == true || channel.Accounts.Values.Any(a => a.Debug == true);
        logging.AddFilter("DingGate.DingTalk", debug ? LogLevel.Debug : level);

        // The runner prints its own banner; the host's "started / content root" lines are noise.
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        if (settings.ConsoleLog is { } console)
        {
            logging.AddProvider(new ConsoleLoggerProvider(console, redactor, settings.Time));
        }

        if (settings.LogDirectory is { } directory)
        {
            logging.AddProvider(new JsonlFileLoggerProvider(directory, debug && level > LogLevel.Debug ? LogLevel.Debug : level, redactor, settings.Time));
        }
    }

    private static LogLevel ParseLevel(string? level) => level?.ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "WARNING" or "WARN" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        _ => LogLevel.Information,
    };
}
