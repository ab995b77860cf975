using System.Net.Sockets;
using DingGate.Cli.Gateway;
using DingGate.Core.Configuration;
using DingGate.Core.Texts;
using DingGate.Emulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DingGate.Cli.Sandbox;

/// <summary>
/// <c>dinggate sandbox</c>: the emulator (demo DingTalk app), a gateway account connected to it over the real Stream
/// protocol, and the DingTalk-like page with its sandbox panel. The configured model answers when there is one, else
/// the offline demo model. Runs until cancelled; the sandbox state lives in a temporary directory removed at exit.
/// </summary>
internal static class SandboxRunner
{
    public const string DemoClientId = "dingdemoappkey";
    public const string DemoClientSecret = "demo-secret";

    public static async Task<int> RunAsync(SandboxRunOptions run, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var stateDirectory = run.StateDirectory ?? Path.Combine(Path.GetTempPath(), "dinggate-sandbox-" + Guid.NewGuid().ToString("N")[..12]);
        var (models, description) = Models(run.UserConfig);
        var locale = LocaleOf(run.UserConfig);
        EmulatorHost? emulator = null;
        await using var gateway = new SandboxGateway(settings => Compose(settings, emulator!.BaseUrl, models, locale, stateDirectory, run.ConfigureServices));
        emulator = EmulatorHost.Create(
            new EmulatorOptions { Port = run.Port, PageLanguage = BotLocales.Name(locale) },
            configureServices: services => services.AddSingleton<IStartupFilter>(new SandboxEndpoints(gateway, description)));
        await using (emulator)
        {
            try
            {
                await emulator.StartAsync(cancellationToken);
                await gateway.StartAsync(SandboxSettings.Default, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Ok;
            }
            catch (Gateway.Locking.GatewayLockedException ex)
            {
                await error.WriteLineAsync($"dinggate sandbox: {ex.Message}. Stop it, or run the sandbox on another --state-dir.");
                return ExitCodes.Runtime;
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                await error.WriteLineAsync($"dinggate sandbox: cannot start on 127.0.0.1:{run.Port}: {(ex.InnerException ?? ex).Message} (choose another --port, or --port 0)");
                return ExitCodes.Runtime;
            }

            await output.WriteLineAsync($"""
                DingGate sandbox is running.
                  Open {emulator.BaseUrl} and chat with the bot as a DingTalk user (1:1 or the group "测试群", text and files).
                  Gateway: demo DingTalk app {DemoClientId} over the Stream protocol, replies as AI cards (switch on the page).
                  Model: {description}
                  State: {stateDirectory}
                Press Ctrl+C to stop.
                """);
            await output.FlushAsync(cancellationToken);
            run.Started?.Invoke(emulator.BaseUrl);
            await StoppingAsync(emulator, cancellationToken);

            // The gateway first: stopped after the emulator, it would hold its Stream socket open (and the emulator's
            // shutdown with it) while reconnecting to a server that is going away.
            await gateway.StopAsync(CancellationToken.None);
        }

        TryDelete(stateDirectory, run.StateDirectory is null);
        await output.WriteLineAsync("Sandbox stopped.");
        return ExitCodes.Ok;
    }

    // Until Ctrl+C (the token) or the emulator host's own stop signal (SIGTERM), whichever comes first.
    private static async Task StoppingAsync(EmulatorHost emulator, CancellationToken cancellationToken)
    {
        var lifetime = emulator.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var byToken = cancellationToken.Register(() => stopping.TrySetResult());
        await using var byHost = lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        await stopping.Task;
    }

    private static GatewayHostSettings Compose(
        SandboxSettings settings, Uri emulator, (IDictionary<string, ModelSettings> Models, IDictionary<string, AgentSettings> Agents) models, BotLocale locale,
        string stateDirectory, Action<IServiceCollection>? configureServices)
    {
        var config = new DinggateConfig();
        foreach (var (name, model) in models.Models)
        {
            config.Models[name] = model;
        }

        foreach (var (name, agent) in models.Agents)
        {
            config.Agents[name] = agent;
        }

        config.Gateway.LogLevel = "information";
        config.Channels.Dingtalk = new DingTalkChannelSettings
        {
            ClientId = DemoClientId, ClientSecret = DemoClientSecret, Name = "DingGate Demo Bot",
            Endpoints = new DingTalkEndpoints { Api = emulator, Oapi = emulator },
            MessageType = settings.MessageType,
            DmPolicy = Enum.Parse<DmPolicy>(settings.DmPolicy, ignoreCase: true),
            GroupPolicy = Enum.Parse<GroupPolicy>(settings.GroupPolicy, ignoreCase: true),
            Locale = BotLocales.Name(locale),
        };
        return new GatewayHostSettings
        {
            Config = config, StateDirectory = stateDirectory, LogDirectory = Path.Combine(stateDirectory, "logs"), ConfigureServices = configureServices,
        };
    }

    // The language of the bot's texts and of the page: the user's channels.dingtalk.locale (the default account's, else
    // the channel's), else zh-CN.
    private static BotLocale LocaleOf(DinggateConfig? user) =>
        user is null ? BotLocales.Default : BotLocales.ForAccount(user, DingTalkChannelSettings.DefaultAccountId);

    // The user's models (and agents) when their config has any; else the offline demo model.
    private static ((IDictionary<string, ModelSettings> Models, IDictionary<string, AgentSettings> Agents), string Description) Models(DinggateConfig? user)
    {
        if (user is { Models.Count: > 0 })
        {
            var model = user.Models.TryGetValue("default", out var d) ? d : user.Models.First().Value;
            return ((user.Models, user.Agents), $"{model.Provider} {model.Model} (from your configuration)");
        }

        var demo = new Dictionary<string, ModelSettings>(StringComparer.Ordinal) { ["default"] = new ModelSettings { Provider = "demo", Model = "demo" } };
        return ((demo, new Dictionary<string, AgentSettings>(StringComparer.Ordinal)), "offline demo model (no API key needed; configure models.default to use a real one)");
    }

    private static void TryDelete(string directory, bool owned)
    {
        if (!owned)
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still open (e.g. on Windows); the temporary directory is cleaned by the OS later.
        }
    }
}
