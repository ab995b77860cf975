using DingGate.Core.Configuration;
using DingGate.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Gateway.Retention;

/// <summary>Registers the retention service and the targets of the stores every gateway has.</summary>
internal static class RetentionServiceCollectionExtensions
{
    /// <summary>
    /// Adds the journal, dedup, session-history and reply-outbox targets and <see cref="RetentionService"/>. Other stores
    /// add their own <see cref="IRetentionTarget"/> singleton (media: <c>DingTalkChannelOptions.MediaRetention</c>); the
    /// pass finds every registered one.
    /// </summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, RetentionPolicy policy)
    {
        services.AddMetrics();
        services.AddSingleton(policy);
        services.AddSingleton<IRetentionTarget, JournalRetentionTarget>();
        services.AddSingleton<IRetentionTarget, DedupRetentionTarget>();
        services.AddSingleton<IRetentionTarget, SessionHistoryRetentionTarget>();
        services.AddSingleton<IRetentionTarget, OutboxRetentionTarget>();
        services.AddSingleton<RetentionMetrics>();
        services.AddSingleton<RetentionPass>();
        services.AddHostedService<RetentionService>();
        return services;
    }
}
