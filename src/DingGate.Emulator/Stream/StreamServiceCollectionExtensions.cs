using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Emulator.Stream;

/// <summary>DI registrations of the Stream mode.</summary>
internal static class StreamServiceCollectionExtensions
{
    public static IServiceCollection AddStream(this IServiceCollection services)
    {
        services.AddSingleton<StreamTicketStore>();
        services.AddSingleton<StreamHub>();
        services.AddSingleton<IStreamPusher>(sp => sp.GetRequiredService<StreamHub>());
        services.AddHostedService<StreamShutdownService>();
        return services;
    }
}
