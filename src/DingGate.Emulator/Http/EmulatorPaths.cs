using Microsoft.AspNetCore.Http;

namespace DingGate.Emulator.Http;

/// <summary>Routes that belong to the emulator itself (control API, control page), not to DingTalk: never recorded, never faulted.</summary>
internal static class EmulatorPaths
{
    public static bool IsEmulatorOwn(PathString path) =>
        path.StartsWithSegments("/_emulator", StringComparison.OrdinalIgnoreCase) || path == "/" || path == "/favicon.ico" ||
        path.StartsWithSegments("/static", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The emulator's own routes plus any <c>/_*</c> route another tool serves on this server (the sandbox's
    /// <c>/_sandbox</c>): what only the emulator's own host names may reach (<see cref="OwnHostCheck"/>). Not
    /// <c>/_files</c>: the signed download URLs stand for DingTalk's file host and are fetched by the bot under the
    /// name it was given.
    /// </summary>
    public static bool IsToolRoute(PathString path) =>
        IsEmulatorOwn(path)
        || (path.Value is { Length: > 1 } value && value[0] == '/' && value[1] == '_' && !path.StartsWithSegments("/_files", StringComparison.OrdinalIgnoreCase));
}
