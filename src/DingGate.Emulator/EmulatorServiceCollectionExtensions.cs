using DingGate.Emulator.Cards;
using DingGate.Emulator.Conversations;
using DingGate.Emulator.Faults;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Http;
using DingGate.Emulator.Media;
using DingGate.Emulator.Messages;
using DingGate.Emulator.Recording;
using DingGate.Emulator.Replies;
using DingGate.Emulator.Stream;
using DingGate.Emulator.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Emulator;

/// <summary>Registers every emulator service. Feature folders add their own <c>AddXxx</c> calls here.</summary>
internal static class EmulatorServiceCollectionExtensions
{
    public static IServiceCollection AddEmulator(this IServiceCollection services, EmulatorOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<EmulatorAddress>();
        services.AddSingleton<OwnHostNames>();
        services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, OwnHostCheck>();
        services.AddSingleton<IdGenerator>();
        services.AddSingleton<AppRegistry>();
        services.AddSingleton<OrgDirectory>();
        services.AddSingleton<TrafficRecorder>();
        services.AddSingleton<ConversationLog>();
        services.AddSingleton<DingTalkResults>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<TokenAuth>();
        services.AddSingleton<FaultSwitches>();
        services.AddSingleton<QpsLimiter>();
        services.AddSingleton<IpLimiter>();
        services.AddSingleton<SessionWebhookRegistry>();
        services.AddStream();
        services.AddMedia();
        services.AddMessages();
        services.AddReplies();
        services.AddCards();
        return services;
    }
}
