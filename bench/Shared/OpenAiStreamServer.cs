using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DingGate.Harness;

/// <summary>
/// A fake model behind an OpenAI-compatible <c>POST /v1/chat/completions</c> on 127.0.0.1:0, in the harness process, so
/// a gateway in its own process (configured with provider <c>openai</c> and this base URL) reaches it like a real model
/// and it outlives every gateway kill. It streams SSE chunks (<c>chat.completion.chunk</c>), then <c>[DONE]</c>; what it
/// streams is the script's answer to the last user message's text. Shared by the chaos suite and the benchmark
/// (linked into both from bench/Shared).
/// </summary>
internal sealed class OpenAiStreamServer : IAsyncDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly WebApplication _app;
    private readonly Func<string?, ModelScript> _script;
    private readonly Action<IReadOnlyList<string>>? _observe;
    private long _requests;

    private OpenAiStreamServer(WebApplication app, Func<string?, ModelScript> script, Action<IReadOnlyList<string>>? observe)
    {
        _app = app;
        _script = script;
        _observe = observe;
    }

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>
    /// Starts the server; <paramref name="script"/> gets the last user message's text (null when none) and says what to
    /// stream; <paramref name="observe"/>, when given, gets the text of every user message of each request, in order (the
    /// history the gateway sent), before the answer starts.
    /// </summary>
    public static async Task<OpenAiStreamServer> StartAsync(
        Func<string?, ModelScript> script, CancellationToken cancellationToken, Action<IReadOnlyList<string>>? observe = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new OpenAiStreamServer(app, script, observe);
        app.MapPost("/v1/chat/completions", server.AnswerAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        string? userText;
        string model;
        using (var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))
        {
            var userTexts = UserTexts(body.RootElement);
            userText = userTexts.Count > 0 ? userTexts[^1] : null;
            _observe?.Invoke(userTexts);
            model = body.RootElement.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "fake" : "fake";
        }

        var script = _script(userText);
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        try
        {
            if (script.PauseBeforeEach <= TimeSpan.Zero)
            {
                // Zero latency: the whole stream in one write.
                var all = new StringBuilder();
                for (var i = 0; i < script.Deltas.Count; i++)
                {
                    all.Append(Event(Chunk(model, script.Deltas[i], first: i == 0, finish: null)));
                }

                all.Append(Event(Chunk(model, null, first: false, finish: "stop"))).Append(Event("[DONE]"));
                await context.Response.WriteAsync(all.ToString(), context.RequestAborted);
                return;
            }

            for (var i = 0; i < script.Deltas.Count; i++)
            {
                await Task.Delay(script.PauseBeforeEach, context.RequestAborted);
                await WriteAsync(context, Chunk(model, script.Deltas[i], first: i == 0, finish: null));
            }

            await WriteAsync(context, Chunk(model, null, first: false, finish: "stop"));
            await WriteAsync(context, "[DONE]");
        }
        catch (OperationCanceledException)
        {
            // The gateway went away (killed mid-answer): nothing to finish.
        }
    }

    // The content of every "user" message, in order: a string, or the text parts of a content array.
    private static List<string> UserTexts(JsonElement body)
    {
        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return messages.EnumerateArray()
            .Where(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("role", out var role) && role.ValueEquals("user") && m.TryGetProperty("content", out _))
            .Select(m => Text(m.GetProperty("content")))
            .ToList();
    }

    private static string Text(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString() ?? string.Empty,
        JsonValueKind.Array => string.Concat(content.EnumerateArray()
            .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
            .Select(p => p.GetProperty("text").GetString())),
        _ => content.GetRawText(),
    };

    private static string Chunk(string model, string? content, bool first, string? finish)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("id", "chatcmpl-fake");
            json.WriteString("object", "chat.completion.chunk");
            json.WriteNumber("created", 1764057600);
            json.WriteString("model", model);
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WriteStartObject("delta");
            if (first)
            {
                json.WriteString("role", "assistant");
            }

            if (content is not null)
            {
                json.WriteString("content", content);
            }

            json.WriteEndObject();
            if (finish is null)
            {
                json.WriteNull("finish_reason");
            }
            else
            {
                json.WriteString("finish_reason", finish);
            }

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Event(string data) => "data: " + data + "\n\n";

    private static async Task WriteAsync(HttpContext context, string data)
    {
        await context.Response.WriteAsync(Event(data), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
