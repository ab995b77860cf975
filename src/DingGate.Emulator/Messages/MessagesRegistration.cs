using DingGate.Emulator.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Emulator.Messages;

/// <summary>Registration of bot-message generation and the inject control route.</summary>
internal static class MessagesRegistration
{
    public static IServiceCollection AddMessages(this IServiceCollection services) => services
        .AddSingleton<MessageTargetResolver>()
        .AddSingleton<MessageContentBuilder>()
        .AddSingleton<QuoteBuilder>()
        .AddSingleton<BotMessageFactory>();

    public static void MapMessages(this WebApplication app) => app.MapGroup(ControlEndpoints.Prefix).MapMessageControl();
}
