using System.Text.Json.Nodes;
using DingGate.Emulator.Control;
using DingGate.Emulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Cards;

/// <summary>
/// Card control routes under <c>/_emulator/cards</c>: list, inspect, clear, templates, switches and click injection.
/// </summary>
internal static class CardControl
{
    public static void MapCardControl(this RouteGroupBuilder group)
    {
        group.MapGet("/cards", (CardStore store) => Results.Json(new JsonArray(store.All.Select(c => (JsonNode)CardSnapshot.Summary(c)).ToArray()), EmulatorJson.Options));
        group.MapDelete("/cards", (CardStore store) =>
        {
            store.Clear();
            return Results.NoContent();
        });
        group.MapGet("/cards/templates", (CardTemplateRegistry templates) => Results.Json(templates.All.Select(Describe), EmulatorJson.Options));
        group.MapPost("/cards/templates", AddTemplateAsync);
        group.MapGet("/cards/settings", (CardSwitches switches) => Results.Json(CardSettingTable.Snapshot(switches), EmulatorJson.Options));
        group.MapPatch("/cards/settings", PatchSettingsAsync);
        group.MapGet("/cards/{outTrackId}", (string outTrackId, CardStore store) =>
            store.Find(outTrackId) is { } card ? Results.Json(CardSnapshot.Full(card), EmulatorJson.Options) : ControlResults.NotFound($"No card with outTrackId '{outTrackId}'."));
        group.MapPost("/cards/{outTrackId}/click", CardClickHandler.ClickAsync);
    }

    private static object Describe(CardTemplate t) =>
        new { templateId = t.TemplateId, streamingKey = t.StreamingKey, variables = t.Variables.Order(), lifecycle = CardStates.Name(t.Lifecycle) };

    private static async Task<IResult> AddTemplateAsync(HttpContext context, CardTemplateRegistry templates)
    {
        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
        var templateId = body?.GetString("templateId");
        var variables = body?["variables"] as JsonArray;
        var lifecycle = body?.GetString("lifecycle");
        if (body is null || string.IsNullOrWhiteSpace(templateId)
            || (body["variables"] is not null && (variables is null || variables.Any(v => v is not JsonValue j || !j.TryGetValue<string>(out _))))
            || (body["lifecycle"] is not null && lifecycle is not ("streaming" or "flowStatus")))
        {
            return ControlResults.BadRequest(
                "JSON body with a non-empty 'templateId' is required; optional 'streamingKey' (string), 'variables' (array of strings) and 'lifecycle' (\"streaming\", the default, or \"flowStatus\").");
        }

        var template = templates.Add(
            templateId, body.GetString("streamingKey"), variables?.Select(v => v!.GetValue<string>()) ?? [],
            lifecycle == "flowStatus" ? CardLifecycle.FlowStatus : CardLifecycle.Streaming);
        return Results.Json(Describe(template), EmulatorJson.Options);
    }

    private static async Task<IResult> PatchSettingsAsync(HttpContext context, CardSwitches switches)
    {
        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            return ControlResults.BadRequest("A JSON object of card settings is required.");
        }

        if (SettingsPatch.TryApply(CardSettingTable.All, switches, body, "card setting") is { } error)
        {
            return ControlResults.BadRequest(error);
        }

        return Results.Json(CardSettingTable.Snapshot(switches), EmulatorJson.Options);
    }
}
