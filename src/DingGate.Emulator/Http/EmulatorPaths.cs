using Microsoft.AspNetCore.Http;

namespace DingGate.Emulator.Http;

/// <summary>Routes that belong to the emulator itself (control API, control page), not to DingTalk: never recorded, never faulted.</summary>
internal static class EmulatorPaths
{
    public static bool IsEmulatorOwn(PathString path) =>
        path.StartsWithSegments("/_emulator", StringComparison.OrdinalIgnoreCase) || path == "/" || path == "/favicon.ico" ||
        path.StartsWithSegments("/static", StringComparison.OrdinalIgnoreCase);
}
