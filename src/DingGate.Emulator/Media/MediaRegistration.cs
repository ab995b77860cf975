using DingGate.Emulator.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Emulator.Media;

/// <summary>Registration of the media feature: store, limits, URL signer, DingTalk routes and the control route.</summary>
internal static class MediaRegistration
{
    public static IServiceCollection AddMedia(this IServiceCollection services) => services
        .AddSingleton<MediaLimits>()
        .AddSingleton<MediaStore>()
        .AddSingleton<DownloadUrlSigner>();

    public static void MapMedia(this WebApplication app)
    {
        app.MapMediaDownloadEndpoints();
        app.MapMediaUploadEndpoint();
        app.MapGroup(ControlEndpoints.Prefix).MapMediaControl();
    }
}
