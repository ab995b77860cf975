using DingGate.Emulator.Cards;
using DingGate.Emulator.Control;
using DingGate.Emulator.ControlPage;
using DingGate.Emulator.Faults;
using DingGate.Emulator.Media;
using DingGate.Emulator.Messages;
using DingGate.Emulator.Recording;
using DingGate.Emulator.Stream;
using DingGate.Emulator.Replies;
using DingGate.Emulator.Tokens;
using Microsoft.AspNetCore.Builder;

namespace DingGate.Emulator;

/// <summary>The emulator's request pipeline and route table. Feature folders add their <c>MapXxx</c> calls here.</summary>
internal static class EmulatorApplicationBuilderExtensions
{
    public static void UseEmulator(this WebApplication app)
    {
        LinkStreamUpgradeFeature.UseStreamLinks(app);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.UseMiddleware<RecordingMiddleware>();
        app.UseMiddleware<FaultMiddleware>();
        app.MapTokenEndpoints();
        app.MapControlEndpoints();
        app.MapControlPage();
        app.MapStreamEndpoints();
        app.MapStreamControl();
        app.MapMedia();
        app.MapMessages();
        app.MapReplies();
        app.MapCardEndpoints();
    }
}
