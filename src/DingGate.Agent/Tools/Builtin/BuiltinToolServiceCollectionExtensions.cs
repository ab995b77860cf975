using DingGate.Core.Configuration;
using DingGate.Core.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace DingGate.Agent.Tools.Builtin;

/// <summary>Registers the built-in DingTalk tools.</summary>
public static class BuiltinToolServiceCollectionExtensions
{
    /// <summary>
    /// Registers <c>send_file</c>, <c>send_message</c> and <c>fetch_url</c> as <c>IBuiltinTool</c>s and the
    /// <c>MEDIA:</c> line handling of the agent: the workspace is <c>tools.workspace</c> (relative to
    /// <paramref name="stateDirectory"/>; default <c>&lt;stateDir&gt;/workspace</c>), downloads wait for their answer
    /// in <c>&lt;stateDir&gt;/tool-files</c>, <c>tools.fetchUrl</c> sets the URL guard and caps. <c>send_message</c>
    /// sends through the registered <see cref="IMessageSender"/> (the DingTalk channel), looked up at send time (the
    /// channel depends on the agent, so taking it at construction would be a cycle). Uses the registered
    /// <see cref="TimeProvider"/> (else the system one).
    /// </summary>
    public static IServiceCollection AddBuiltinTools(this IServiceCollection services, DinggateConfig config, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(config);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(FetchUrlOptions.From(config.Tools.FetchUrl));
        services.TryAddSingleton(SendFileOptions.From(config.Tools.Workspace, stateDirectory));
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.TryAddSingleton<UrlGuard>();
        services.TryAddSingleton<GuardedHttp>();
        services.TryAddSingleton(sp => new FileSender(
            sp.GetRequiredService<SendFileOptions>(), sp.GetRequiredService<GuardedHttp>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<FileSender>>()));
        services.TryAddSingleton(sp => new MediaLines(config, sp.GetRequiredService<FileSender>(), sp.GetService<LiveConfig>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBuiltinTool, SendFileTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBuiltinTool, FetchUrlTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBuiltinTool, SendMessageTool>(sp => new SendMessageTool(() => sp.GetService<IMessageSender>())));
        return services;
    }
}
