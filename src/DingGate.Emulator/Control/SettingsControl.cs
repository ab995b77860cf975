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

    private static JsonObject Snapshot(EmulatorOptions o)
    {
        var snapshot = new JsonObject();
        foreach (var setting in SettingTable.All)
        {
            snapshot[setting.Name] = setting.Read(o);
        }

        return snapshot;
    }

    private static async Task<IResult> PatchAsync(HttpContext context, EmulatorOptions options)
    {
        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            return ControlResults.BadRequest("A JSON object of settings is required.");
        }

        var errors = new List<string>();
        var accepted = new List<(SettingTable.Setting Setting, JsonNode? Value)>();
        foreach (var (name, value) in body)
        {
            var setting = SettingTable.All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
            if (setting is null)
            {
                errors.Add($"unknown setting '{name}' (known: {string.Join(", ", SettingTable.All.Select(s => s.Name))})");
            }
            else if (!setting.IsValid(value))
            {
                errors.Add($"'{name}' must be {setting.Expected}");
            }
            else
            {
                accepted.Add((setting, value));
            }
        }

        if (errors.Count > 0)
        {
            return ControlResults.BadRequest(string.Join("; ", errors));
        }

        foreach (var (setting, value) in accepted)
        {
            setting.Write(options, value!);
        }

        return Results.Json(Snapshot(options));
    }
}
