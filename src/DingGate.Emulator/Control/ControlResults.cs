using Microsoft.AspNetCore.Http;

namespace DingGate.Emulator.Control;

/// <summary>Error answers of the control API: 400 with <c>{"error": "…"}</c> saying what was wrong.</summary>
internal static class ControlResults
{
    public static IResult BadRequest(string error) => Results.Json(new Dictionary<string, string> { ["error"] = error }, statusCode: 400);

    public static IResult NotFound(string error) => Results.Json(new Dictionary<string, string> { ["error"] = error }, statusCode: 404);
}
