using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Admin;

/// <summary>
/// Reads the JSON body of an admin POST, or says why not as the answer to send: 415 when the Content-Type is not
/// JSON, 400 when the body is not valid JSON of the expected shape, 413 when it is larger than the admin endpoint
/// takes. Each refusal is one warning line (method, path, status, reason), never a stack trace.
/// </summary>
internal static partial class AdminRequestBody
{
    private const int ReasonLength = 160;

    public static async Task<(T? Body, IResult? Refused)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, ILogger logger)
        where T : class
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            var given = request.ContentType is { Length: > 0 } contentType ? $"'{Shorten(contentType)}'" : "none";
            return (null, Refuse(context, logger, StatusCodes.Status415UnsupportedMediaType, $"Content-Type must be application/json (was {given})"));
        }

        try
        {
            var body = await request.ReadFromJsonAsync(type, context.RequestAborted);
            return body is null
                ? (null, Refuse(context, logger, StatusCodes.Status400BadRequest, "the body is JSON null, not an object"))
                : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, Refuse(context, logger, StatusCodes.Status400BadRequest, "malformed JSON: " + Shorten(FirstLine(ex.Message))));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Refuse(context, logger, ex.StatusCode, "unreadable body: " + Shorten(FirstLine(ex.Message))));
        }
    }

    private static IResult Refuse(HttpContext context, ILogger logger, int status, string reason)
    {
        LogRefused(logger, context.Request.Method, context.Request.Path.Value ?? "/", status, reason);
        return Results.Json(new AdminPairingResult(null, reason), AdminJson.Default.AdminPairingResult, statusCode: status);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r');

    private static string Shorten(string text) => text.Length <= ReasonLength ? text : text[..ReasonLength] + "…";

    [LoggerMessage(EventId = 6311, Level = LogLevel.Warning, Message = "Admin API: {Method} {Path} refused with {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, int status, string reason);
}
