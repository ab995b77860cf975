using DingGate.Cli.Config;
using DingGate.Cli.Gateway.Locking;
using DingGate.Core.Configuration;
using DingGate.Core.Configuration.Loading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DingGate.Cli.Gateway;

/// <summary>
/// Loads the configuration, refuses one that cannot run (exit 78 with one line per problem), then runs the gateway
/// host until cancelled. The journal of unanswered messages is resumed by each account as it starts.
/// </summary>
internal static class GatewayRunner
{
    public static async Task<int> RunAsync(
        ConfigSource source, TextWriter output, TextWriter error, CancellationToken cancellationToken,
        Action<IServiceCollection>? configureServices = null, Action<IServiceProvider>? started = null, bool allowDuplicateKeys = false)
    {
        ArgumentNullException.ThrowIfNull(source);

        // The same check as 'dinggate config validate', before anything opens the state or connects.
        var check = await ConfigCheck.RunAsync(source, allowDuplicateKeys, cancellationToken);
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
        var settings = new GatewayHostSettings
        {
            Config = loaded.Config,
            StateDirectory = loaded.StateDirectory,
            LogDirectory = GatewayPaths.LogDirectory(loaded, source),
            ConsoleLogs = true,
            AdminPort = loaded.Config.Gateway.AdminPort ?? Admin.AdminSettings.DefaultPort,
            ConfigureServices = configureServices,
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
                $"dinggate gateway: {ex.Message}. Stop it first ('dinggate gateway status' shows it), or give this one another state directory.");
            return ExitCodes.Runtime;
        }

        using var host = built;
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
                $"dinggate gateway: the admin port 127.0.0.1:{settings.AdminPort} is in use ({ex.Message}). Another gateway may be running ('dinggate gateway status'); set gateway.adminPort to another port (0: any free one).");
            return ExitCodes.Runtime;
        }
        catch (Storage.Sqlite.SqliteStorageException ex)
        {
            await error.WriteLineAsync($"dinggate gateway: the state database in {settings.StateDirectory} cannot be used: {ex.Message}");
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
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C / SIGTERM: stop below.
        }

        await output.WriteLineAsync("Stopping: finishing running answers…");
        await host.StopAsync(CancellationToken.None);
        await output.WriteLineAsync("Gateway stopped.");
        return ExitCodes.Ok;
    }

    private static string ModelLine(DinggateConfig config) =>
        config.Models.Count == 0
            ? "offline demo model (no models configured: add models.default to answer with a real model)"
            : string.Join(", ", config.Models.Select(m => $"{m.Key}: {m.Value.Provider} {m.Value.Model}".TrimEnd()));
}
