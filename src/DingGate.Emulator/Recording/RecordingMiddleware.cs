using System.Text;
using Microsoft.AspNetCore.Http;

using DingGate.Emulator.Http;

namespace DingGate.Emulator.Recording;

/// <summary>
/// Records each HTTP exchange (except the control API and static control page) with request and response bodies.
/// WebSocket upgrades are recorded by their handshake only.
/// </summary>
internal sealed class RecordingMiddleware(RequestDelegate next, TrafficRecorder recorder, EmulatorOptions options)
{
    private const int MaxBodyChars = 64 * 1024;
    private static readonly string[] InterestingHeaders =
        ["Content-Type", "Accept", "x-acs-dingtalk-access-token", "User-Agent", "Host"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (EmulatorPaths.IsEmulatorOwn(context.Request.Path))
        {
            await next(context);
            return;
        }

        var at = options.TimeProvider.GetUtcNow();
        var requestBody = await ReadRequestBodyAsync(context.Request);
        if (context.WebSockets.IsWebSocketRequest)
        {
            // The handshake is recorded when its answer starts (101 on upgrade, 4xx when refused), not when the
            // socket ends, so a live connection already shows in the traffic.
            var recorded = 0;
            void RecordOnce()
            {
                if (Interlocked.Exchange(ref recorded, 1) == 0)
                {
                    Record(context, at, requestBody, context.Response.StatusCode == StatusCodes.Status101SwitchingProtocols ? "(websocket upgrade)" : "(websocket refused)");
                }
            }

            context.Response.OnStarting(() =>
            {
                RecordOnce();
                return Task.CompletedTask;
            });
            await next(context);
            RecordOnce();
            return;
        }

        var originalBody = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = originalBody;
            buffer.Position = 0;
            var responseText = DescribeBody(context.Response.ContentType, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            Record(context, at, requestBody, responseText);
            if (buffer.Length > 0 && !context.RequestAborted.IsCancellationRequested)
            {
                await buffer.CopyToAsync(originalBody, context.RequestAborted);
            }
        }
    }

    private void Record(HttpContext context, DateTimeOffset at, string requestBody, string responseBody)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in InterestingHeaders)
        {
            if (context.Request.Headers.TryGetValue(name, out var value))
            {
                headers[name] = value.ToString();
            }
        }

        recorder.Record(new RecordedHttpCall(
            0, at, context.Request.Method, context.Request.Path.Value ?? "/",
            SecretRedactor.RedactQuery(context.Request.QueryString.Value ?? string.Empty), headers, SecretRedactor.RedactBody(requestBody),
            context.Response.StatusCode, responseBody,
            context.Items.TryGetValue(HttpItems.ClientId, out var clientId) ? clientId as string : null,
            context.Items.TryGetValue(HttpItems.Form, out var form) ? form as RecordedForm : null));
    }

    private static async Task<string> ReadRequestBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return string.Empty;
        }

        request.EnableBuffering();
        await using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return DescribeBody(request.ContentType, copy.GetBuffer().AsSpan(0, (int)copy.Length));
    }

    private static string DescribeBody(string? contentType, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        var isText = contentType is null || contentType.Contains("json", StringComparison.OrdinalIgnoreCase) ||
                     contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ||
                     contentType.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ||
                     contentType.Contains("xml", StringComparison.OrdinalIgnoreCase);
        if (!isText)
        {
            return $"({contentType}, {bytes.Length} bytes)";
        }

        var text = Encoding.UTF8.GetString(bytes);
        return text.Length > MaxBodyChars ? text[..MaxBodyChars] + "…(truncated)" : text;
    }
}
