using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Emulator.Replies;

/// <summary>Registration of the bot's outbound side: session webhook, robot OpenAPI sends, recall and emotion reactions.</summary>
internal static class RepliesRegistration
{
    public static IServiceCollection AddReplies(this IServiceCollection services) => services
        .AddSingleton<WebhookThrottle>()
        .AddSingleton<RobotMessageValidator>()
        .AddSingleton<RecallEndpoints.RecallDependencies>();

    public static void MapReplies(this WebApplication app)
    {
        app.MapSessionWebhookEndpoint();
        app.MapRobotSendEndpoints();
        app.MapRecallEndpoints();
        app.MapEmotionEndpoints();
    }
}
