using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Emulator.Http;

/// <summary>Short access to the emulator's singletons from minimal-API handlers.</summary>
internal static class ServiceProviderExtensions
{
    public static EmulatorOptions GetOptions(this IServiceProvider services) => services.GetRequiredService<EmulatorOptions>();
}
