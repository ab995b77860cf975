using DingGate.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DingGate.Agent.Tools.Mcp;

/// <summary>Registers the MCP servers of the configuration.</summary>
internal static class McpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="McpSupervisor"/> of <paramref name="settings"/> and one <see cref="IToolSource"/>
    /// (<c>mcp:&lt;server&gt;</c>) per enabled server. The host starts and stops the supervisor.
    /// </summary>
    public static IServiceCollection AddMcpTools(this IServiceCollection services, McpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new McpSupervisor(settings, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        foreach (var (name, _) in settings.Servers.Where(s => s.Value.Enabled != false).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            services.AddSingleton<IToolSource>(sp => sp.GetRequiredService<McpSupervisor>().Source(name));
        }

        return services;
    }
}
