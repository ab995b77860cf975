using System.Collections.Frozen;
using System.Reflection;
using System.Text;
using DingGate.Emulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.ControlPage;

/// <summary>
/// Serves the control page (a DingTalk-like chat view over the control API) from embedded resources:
/// <c>/</c> → index.html (its <c>&lt;html lang&gt;</c> set to <see cref="EmulatorOptions.PageLanguage"/>, which the
/// page's script shows its texts in unless <c>?lang=</c> says otherwise), <c>/static/{file}</c> → its script and style sheet.
/// </summary>
internal static class ControlPageEndpoints
{
    private const string ServedLanguage = "<html lang=\"en\">";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8", [".js"] = "text/javascript; charset=utf-8", [".css"] = "text/css; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static void MapControlPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", (HttpContext context) => ServeIndex(Language(context.RequestServices.GetOptions().PageLanguage)));
        routes.MapGet("/static/{file}", (string file) => Serve(file));
        routes.MapGet("/favicon.ico", () => Results.NoContent());
    }

    /// <summary>The page's language tag for a configured value: <c>zh-CN</c> for any Chinese tag, else <c>en</c>.</summary>
    public static string Language(string? configured) =>
        configured is not null && configured.Trim().StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN" : "en";

    private static IResult ServeIndex(string language)
    {
        using var stream = Resource("index.html");
        if (stream is null)
        {
            return Results.NotFound();
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var html = reader.ReadToEnd().Replace(ServedLanguage, $"<html lang=\"{language}\">", StringComparison.Ordinal);
        return Results.Content(html, ContentTypes[".html"]);
    }

    private static IResult Serve(string file)
    {
        var extension = Path.GetExtension(file);
        if (file.Contains('/', StringComparison.Ordinal) || !ContentTypes.TryGetValue(extension, out var contentType))
        {
            return Results.NotFound();
        }

        var stream = Resource(file);
        return stream is null ? Results.NotFound() : Results.Stream(stream, contentType);
    }

    private static System.IO.Stream? Resource(string file) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream("DingGate.Emulator.ControlPage.wwwroot." + file);
}
