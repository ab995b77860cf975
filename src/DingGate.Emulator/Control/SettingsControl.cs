using System.Text.Json.Nodes;
using DingGate.Emulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Control;

/// <summary>
/// <c>GET/PATCH /_emulator/settings</c>: the protocol switches of <see cref="EmulatorOptions"/>, changeable at run time.
/// Durations are in milliseconds. Unknown keys or wrong types are rejected with a message naming them.
/// </summary>
internal static class SettingsControl
{
    public static void MapSettingsControl(this RouteGroupBuilder group)
    {
        group.MapGet("/settings", (EmulatorOptions options) => Results.Json(Snapshot(options)));
        group.MapPatch("/settings", PatchAsync);
    }

    private static JsonObject Snapshot(EmulatorOptions options) => SettingsPatch.Snapshot(SettingTable.All, options);

    private static async Task<IResult> PatchAsync(HttpContext context, EmulatorOptions options)
    {
        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            return ControlResults.BadRequest("A JSON object of settings is required.");
        }

        return SettingsPatch.TryApply(SettingTable.All, options, body, "setting") is { } error
            ? ControlResults.BadRequest(error)
            : Results.Json(Snapshot(options));
    }
}
