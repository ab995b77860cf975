using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DingGate.Agent.Sessions.Cluster;

/// <summary>Registers <c>/stop</c> across replicas (clustered gateways).</summary>
public static class RemoteStopServiceCollectionExtensions
{
    /// <summary>
    /// Registers the cross-replica stop (after <c>AddAgentSessions</c>): a <c>/stop</c> for a session with no turn
    /// running here asks the other replicas through the registered <c>IStopRequests</c> (PostgreSQL), and this replica
    /// stops its running turns on their requests. The host must run the loop that listens for the requests
    /// (<c>RemoteStopLoop.RunAsync</c>, owned and awaited). Needs a clustered <c>ReplicaIdentity</c>.
    /// </summary>
    public static IServiceCollection AddRemoteStops(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => new RemoteStops(
            sp.GetRequiredService<Core.Cluster.IStopRequests>(),
            sp.GetRequiredService<SessionQueue>(),
            sp.GetRequiredService<Core.Cluster.ReplicaIdentity>(),
            sp.GetRequiredService<TimeProvider>(),
            LoggerOf<RemoteStops>(sp)));
        services.AddSingleton(sp => new RemoteStopLoop(sp.GetRequiredService<RemoteStops>(), sp.GetRequiredService<TimeProvider>(), LoggerOf<RemoteStopLoop>(sp)));
        return services;
    }

    private static ILogger<T> LoggerOf<T>(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger<T>() ?? NullLogger<T>.Instance;
}
