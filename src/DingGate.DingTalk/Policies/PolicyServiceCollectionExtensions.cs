using DingGate.DingTalk.Inbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DingGate.DingTalk.Policies;

/// <summary>
/// Registers the payload parser and the access policy with pairing, for the channel's <c>AddDingTalk()</c> to call.
/// Needs an <see cref="Core.Storage.IPairingStore"/> (Storage) and logging; <see cref="TimeProvider"/> defaults to the system clock.
/// </summary>
internal static class PolicyServiceCollectionExtensions
{
    public static IServiceCollection AddDingTalkParsingAndPolicies(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InboundMessageParser>();
        services.TryAddSingleton(new PairingCodeGenerator());
        services.TryAddSingleton<PairingService>();
        services.TryAddSingleton<AccessPolicy>();
        return services;
    }
}
