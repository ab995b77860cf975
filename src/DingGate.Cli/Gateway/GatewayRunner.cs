using DingGate.Cli.Config;
using DingGate.Cli.Gateway.Locking;
using DingGate.Core.Configuration;
using DingGate.Core.Configuration.Loading;
using DingGate.Core.Secrets;
using DingGate.DingTalk;
using DingGate.DingTalk.Stream;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Gateway;

/// <summary>
/// Loads the configuration, refuses one that cannot run (exit 78 with one line per problem), then runs the gateway
/// host until cancelled. The journal of unanswered messages is resumed by each account as it starts. When DingTalk
/// has rejected the credentials of every account, no account can ever connect: the gateway stops and exits 78 with
/// the reason on stderr and in the log, so the service manager shows it (and does not restart it in a loop). Every
/// error it prints goes through the host's <see cref="SecretRedactor"/>.
/// </summary>
internal static partial class GatewayRunner
{
    public static async Task<int> RunAsync(
        ConfigSource source, TextWriter output, TextWriter error, CancellationToken cancellationToken,
        Action<IServiceCollection>? configureServices = null, Action<IServiceProvider>? started = null, bool allowDuplicateKeys = false)
    {
        ArgumentNullException.ThrowIfNull(source);

        // The same check as 'dinggate config validate', before anything opens the state or connects. The text checked is
        // the one a reload compares the file with.
        var text = ReadConfigText(source);
        var check = text is null
            ? await ConfigCheck.RunAsync(source, allowDuplicateKeys, cancellationToken)
            : await ConfigCheck.RunTextAsync(text, source, allowDuplicateKeys, cancellationToken);
        await check.WriteAsync(error, cancellationToken);
        if (!check.IsValid)
        {
            await error.WriteLineAsync(check.Errors.Any(e => e.Reason == ConfigCheck.NoEnabledAccount)
                ? $"dinggate gateway: nothing to run in {source.Path}; 'dinggate sandbox' runs a demo without a DingTalk app."
                : $"dinggate gateway: configuration invalid: {source.Path} ({check.Errors.Count} error(s)); see 'dinggate config validate'.");
            return ExitCodes.Config;
        }

        var loaded = check.Loaded!;
        var accounts = loaded.Config.Channels.Dingtalk!.Resolve().Where(a => a.Enabled).Select(a => a.Id).ToList();
        var redactor = ConfigSecrets.Redactor(loaded.Config);
        var settings = new GatewayHostSettings
        {
            Config = loaded.Config,
            StateDirectory = loaded.StateDirectory,
            LogDirectory = GatewayPaths.LogDirectory(loaded, source),
            ConsoleLog = output,
            AdminPort = loaded.Config.Gateway.AdminPort ?? Admin.AdminSettings.DefaultPort,
            ConfigureServices = configureServices,
            ConfigFile = text is null ? null : new Reload.ConfigFileSource(source, text, allowDuplicateKeys),
        };
        PrivateDirectory.Create(settings.StateDirectory);
        IHost built;
        try
        {
            built = GatewayHost.Build(settings);
        }
        catch (GatewayLockedException ex)
        {
            await error.WriteLineAsync(
                $"dinggate gateway: {redactor.Redact(ex.Message)}. Stop it first ('dinggate gateway status' shows it), or give this one another state directory.");
            return ExitCodes.Runtime;
        }

        using var host = built;
        redactor = host.Services.GetRequiredService<SecretRedactor>();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (IOException ex) when (ex.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
        {
            await error.WriteLineAsync(
                $"dinggate gateway: the admin port 127.0.0.1:{settings.AdminPort} is in use ({redactor.Redact(ex.Message)}). Another gateway may be running ('dinggate gateway status'); set gateway.adminPort to another port (0: any free one).");
            return ExitCodes.Runtime;
        }
        catch (Replicas.DuplicateReplicaIdException ex)
        {
            await error.WriteLineAsync($"dinggate gateway: {redactor.Redact(ex.Message)}.");
            return ExitCodes.Runtime;
        }
        catch (DingGate.Storage.Sqlite.SqliteStorageException ex)
        {
            await error.WriteLineAsync($"dinggate gateway: the state database in {settings.StateDirectory} cannot be used: {redactor.Redact(ex.Message)}");
            return ExitCodes.Runtime;
        }
        catch (DingGate.Storage.Postgres.PostgresStorageException ex)
        {
            await error.WriteLineAsync($"dinggate gateway: the PostgreSQL state database (storage.connectionString) cannot be used: {redactor.Redact(ex.Message)}");
            return ExitCodes.Runtime;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Anything else that stops the start (a hosted service failing, an unexpected I/O error): one line, redacted.
            await error.WriteLineAsync($"dinggate gateway: could not start: {ex.GetType().Name}: {redactor.Redact(ex.Message)}");
            return ExitCodes.Runtime;
        }

        await output.WriteLineAsync($"""
            DingGate gateway is running: {accounts.Count} DingTalk account(s) ({string.Join(", ", accounts)}).
              Model:  {ModelLine(loaded.Config)}
              Config: {loaded.Path}
              State:  {settings.StateDirectory}
              Logs:   {settings.LogDirectory}
              Admin:  {Admin.AdminAnnouncement.ReadFrom(settings.StateDirectory)?.Url.ToString() ?? "(not announced)"} (bearer token in {Path.Combine(settings.StateDirectory, Admin.AdminToken.FileName)})
            Press Ctrl+C to stop.
            """);
        started?.Invoke(host.Services);
        IReadOnlyList<StreamStatus>? failed = null;
        try
        {
            failed = await host.Services.GetRequiredService<DingTalkChannel>().WhenAllFailedAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C / SIGTERM: stop below.
        }

        if (failed is not null)
        {
            return await StopOnBadCredentialsAsync(host, failed, loaded.Path, redactor, error);
        }

        await output.WriteLineAsync("Stopping: finishing running answers…");
        await host.StopAsync(CancellationToken.None);
        await output.WriteLineAsync("Gateway stopped.");
        return ExitCodes.Ok;
    }

    // Every account failed for good on bad credentials: say which and why (log and stderr), stop, exit 78 (EX_CONFIG).
    private static async Task<int> StopOnBadCredentialsAsync(
        IHost host, IReadOnlyList<StreamStatus> failed, string configPath, SecretRedactor redactor, TextWriter error)
    {
        var reasons = failed.Select(s => $"{s.AccountId}: {redactor.Redact(s.LastError ?? "credentials rejected")}").ToList();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GatewayRunner).FullName!);
        var summary = string.Join("; ", reasons);
        LogAllCredentialsRejected(logger, failed.Count, summary);
        await error.WriteLineAsync($"dinggate gateway: DingTalk rejected the credentials of every account ({failed.Count}); none can connect, stopping (exit {ExitCodes.Config}).");
        foreach (var reason in reasons)
        {
            await error.WriteLineAsync("  " + reason);
        }

        await error.WriteLineAsync($"Fix clientId / clientSecret in {configPath} ('dinggate doctor' checks them), then start the gateway again.");
        await host.StopAsync(CancellationToken.None);
        return ExitCodes.Config;
    }

    // The config file's text, or null when it cannot be read (the check then reports why, as 'config validate' does).
    private static string? ReadConfigText(ConfigSource source)
    {
        try
        {
            return Core.Configuration.Files.BoundedFileReader.ReadText(source.Path, Core.Configuration.Files.BoundedFileReader.MaxConfigFileBytes);
        }
        catch (Core.Configuration.Files.FileRefusedException)
        {
            return null;
        }
    }

    private static string ModelLine(DinggateConfig config) =>
        config.Models.Count == 0
            ? "offline demo model (no models configured: add models.default to answer with a real model)"
            : string.Join(", ", config.Models.Select(m => $"{m.Key}: {m.Value.Provider} {m.Value.Model}".TrimEnd()));
}
