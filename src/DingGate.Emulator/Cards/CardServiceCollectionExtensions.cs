using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Emulator.Cards;

/// <summary>Registers the card services (templates, store, switches, parsers, delivery).</summary>
internal static class CardServiceCollectionExtensions
{
    public static IServiceCollection AddCards(this IServiceCollection services)
    {
        services.AddSingleton<CardTemplateRegistry>();
        services.AddSingleton<CardStore>();
        services.AddSingleton<CardSwitches>();
        services.AddSingleton<CardStreamingLimiter>();
        services.AddSingleton<CardCreateParser>();
        services.AddSingleton<CardDeliverer>();
        return services;
    }
}
