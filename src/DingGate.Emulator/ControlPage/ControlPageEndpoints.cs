using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.ControlPage;

/// <summary>
/// Serves the control page (a DingTalk-like chat view over the control API) from embedded resources:
/// <c>/</c> → index.html, <c>/static/{file}</c> → its script and style sheet.
/// </summary>
internal static class ControlPageEndpoints
{
    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8", [".js"] = "text/javascript; charset=utf-8", [".css"] = "text/css; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static void MapControlPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", () => Serve("index.html"));
        routes.MapGet("/static/{file}", (string file) => Serve(file));
        routes.MapGet("/favicon.ico", () => Results.NoContent());
    }

    private static IResult Serve(string file)
    {
        var extension = Path.GetExtension(file);
        if (file.Contains('/', StringComparison.Ordinal) || !ContentTypes.TryGetValue(extension, out var contentType))
        {
            return Results.NotFound();
        }

        var assembly = Assembly.GetExecutingAssembly();
        var stream = assembly.GetManifestResourceStream("DingGate.Emulator.ControlPage.wwwroot." + file);
        return stream is null ? Results.NotFound() : Results.Stream(stream, contentType);
    }
}
