using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DingGate.Tests.Shared;

/// <summary>
/// A scripted model behind a real OpenAI-compatible <c>POST /v1/chat/completions</c> (Kestrel on 127.0.0.1:0): the
/// gateway reaches it through its real <c>openai</c> provider (<c>baseUrl</c> = <see cref="BaseUrl"/>). Each request is
/// recorded (<see cref="Requests"/>, the parsed JSON body) and answered by <see cref="Script"/> as an SSE stream in the
/// real format: text deltas, or real <c>tool_calls</c> (id, name, then the arguments in fragments, finish reason
/// <c>tool_calls</c>), usage when <c>stream_options.include_usage</c> asks for it, then <c>[DONE]</c>. Linked into the
/// test projects from tests/Shared.
/// </summary>
internal sealed class ScriptedOpenAiServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<ScriptedModelRequest> _requests = [];

    private ScriptedOpenAiServer(WebApplication app) => _app = app;

    /// <summary>The API root including <c>/v1</c>, as <c>models.&lt;name&gt;.baseUrl</c> wants it.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>
    /// What to answer to a request. Default: after a tool result, "tool said: " and the results; otherwise "ok".
    /// </summary>
    public Func<ScriptedModelRequest, ScriptedModelReply> Script { get; set; } = DefaultScript;

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ScriptedModelRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<ScriptedOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedOpenAiServer(app);
        app.MapPost("/v1/chat/completions", server.AnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    /// <summary>Waits (real time, generous) until <paramref name="count"/> requests arrived; returns the last of them.</summary>
    public async Task<ScriptedModelRequest> WaitForRequestAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var requests = Requests;
            if (requests.Count >= count)
            {
                return requests[count - 1];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the scripted model got {requests.Count} requests, expected {count}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The default answer: repeats the tool results after a tool round, else "ok".</summary>
    public static ScriptedModelReply DefaultScript(ScriptedModelRequest request) =>
        request.LastMessageIsToolResult
            ? ScriptedModelReply.Text("tool said: " + string.Join(" | ", request.ToolResults.Select(r => r.Content)))
            : ScriptedModelReply.Text("ok");

    private async Task AnswerAsync(HttpContext context)
    {
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!;
        ScriptedModelRequest request;
        lock (_gate)
        {
            request = new ScriptedModelRequest(_requests.Count + 1, body);
            _requests.Add(request);
        }

        var reply = Script(request);
        var model = (string?)body["model"] ?? "scripted";
        var usage = body["stream_options"]?["include_usage"]?.GetValue<bool>() == true;
        context.Response.StatusCode = reply.StatusCode;
        if (reply.StatusCode != 200)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(
                JsonSerializer.Serialize(new { error = new { message = reply.ErrorMessage ?? "scripted error", type = "server_error" } }, Json),
                context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        try
        {
            if (reply.Before is { } before)
            {
                await before.WaitAsync(context.RequestAborted);
            }

            var first = true;
            foreach (var delta in reply.Deltas)
            {
                await PauseAsync(reply, context);
                var d = new JsonObject { ["content"] = delta };
                if (first)
                {
                    d["role"] = "assistant";
                    first = false;
                }

                await WriteAsync(context, Chunk(model, d, null));
            }

            for (var i = 0; i < reply.ToolCalls.Count; i++)
            {
                var call = reply.ToolCalls[i];
                await PauseAsync(reply, context);
                var head = new JsonObject
                {
                    ["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["index"] = i,
                        ["id"] = call.Id ?? $"call_{request.Index}_{i}",
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = string.Empty },
                    }),
                };
                if (first)
                {
                    head["role"] = "assistant";
                    head["content"] = null;
                    first = false;
                }

                await WriteAsync(context, Chunk(model, head, null));
                // The arguments arrive in fragments, as real servers stream them.
                var half = call.ArgumentsJson.Length / 2;
                foreach (var fragment in new[] { call.ArgumentsJson[..half], call.ArgumentsJson[half..] })
                {
                    var part = new JsonObject
                    {
                        ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = i, ["function"] = new JsonObject { ["arguments"] = fragment } }),
                    };
                    await WriteAsync(context, Chunk(model, part, null));
                }
            }

            await WriteAsync(context, Chunk(model, new JsonObject(), reply.ToolCalls.Count > 0 ? "tool_calls" : "stop"));
            if (usage)
            {
                var u = new JsonObject
                {
                    ["id"] = "chatcmpl-scripted", ["object"] = "chat.completion.chunk", ["created"] = 1764057600, ["model"] = model,
                    ["choices"] = new JsonArray(),
                    ["usage"] = new JsonObject { ["prompt_tokens"] = 12, ["completion_tokens"] = 5, ["total_tokens"] = 17 },
                };
                await WriteAsync(context, u.ToJsonString(Json));
            }

            await WriteAsync(context, "[DONE]");
        }
        catch (OperationCanceledException)
        {
            // The client went away (stopped or killed mid-answer).
        }
    }

    private static async Task PauseAsync(ScriptedModelReply reply, HttpContext context)
    {
        if (reply.PauseBeforeEach > TimeSpan.Zero)
        {
            await Task.Delay(reply.PauseBeforeEach, context.RequestAborted);
        }
    }

    private static string Chunk(string model, JsonObject delta, string? finish) =>
        new JsonObject
        {
            ["id"] = "chatcmpl-scripted",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1764057600,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        }.ToJsonString(Json);

    private static async Task WriteAsync(HttpContext context, string data)
    {
        await context.Response.WriteAsync($"data: {data}\n\n", Encoding.UTF8, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}

/// <summary>One request the scripted model received: the JSON body, with accessors for what tests assert on.</summary>
internal sealed record ScriptedModelRequest(int Index, JsonObject Body)
{
    public JsonArray Messages => Body["messages"] as JsonArray ?? [];

    /// <summary>Names of the tools offered (<c>tools[].function.name</c>).</summary>
    public IReadOnlyList<string> ToolNames =>
        (Body["tools"] as JsonArray ?? []).Select(t => (string?)t?["function"]?["name"]).OfType<string>().ToList();

    /// <summary>The <c>tool</c> messages (results of earlier calls), in order.</summary>
    public IReadOnlyList<(string CallId, string Content)> ToolResults =>
        Messages.OfType<JsonObject>().Where(m => (string?)m["role"] == "tool")
            .Select(m => ((string?)m["tool_call_id"] ?? string.Empty, TextOf(m["content"]))).ToList();

    /// <summary>The tool calls the assistant made earlier in the conversation (<c>assistant.tool_calls</c>).</summary>
    public IReadOnlyList<(string CallId, string Name, string Arguments)> ToolCalls =>
        Messages.OfType<JsonObject>().Where(m => (string?)m["role"] == "assistant" && m["tool_calls"] is JsonArray)
            .SelectMany(m => ((JsonArray)m["tool_calls"]!).OfType<JsonObject>())
            .Select(c => ((string?)c["id"] ?? string.Empty, (string?)c["function"]?["name"] ?? string.Empty, (string?)c["function"]?["arguments"] ?? string.Empty))
            .ToList();

    public bool LastMessageIsToolResult => Messages.LastOrDefault() is JsonObject last && (string?)last["role"] == "tool";

    /// <summary>The text of the last user message (a string, or the text parts of a content array).</summary>
    public string? LastUserText =>
        Messages.OfType<JsonObject>().LastOrDefault(m => (string?)m["role"] == "user") is { } user ? TextOf(user["content"]) : null;

    /// <summary>The <c>image_url</c> URLs (data URIs for attachments) of every user message, in order.</summary>
    public IReadOnlyList<string> ImageUrls =>
        Messages.OfType<JsonObject>().Where(m => (string?)m["role"] == "user" && m["content"] is JsonArray)
            .SelectMany(m => ((JsonArray)m["content"]!).OfType<JsonObject>())
            .Where(p => (string?)p["type"] == "image_url")
            .Select(p => (string?)p["image_url"]?["url"]).OfType<string>().ToList();

    private static string TextOf(JsonNode? content) => content switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray parts => string.Concat(parts.OfType<JsonObject>().Select(p => (string?)p["text"] ?? string.Empty)),
        null => string.Empty,
        _ => content.ToJsonString(),
    };
}

/// <summary>What the scripted model answers: text deltas, then tool calls (either may be empty); or an HTTP error.</summary>
internal sealed record ScriptedModelReply
{
    public IReadOnlyList<string> Deltas { get; init; } = [];

    public IReadOnlyList<ScriptedToolCall> ToolCalls { get; init; } = [];

    /// <summary>Real-time pause before each delta and call (0: none).</summary>
    public TimeSpan PauseBeforeEach { get; init; }

    /// <summary>Awaited before anything is streamed (a test releases it).</summary>
    public Task? Before { get; init; }

    public int StatusCode { get; init; } = 200;

    public string? ErrorMessage { get; init; }

    public static ScriptedModelReply Text(params string[] deltas) => new() { Deltas = deltas };

    public static ScriptedModelReply Call(string name, string argumentsJson) => new() { ToolCalls = [new ScriptedToolCall(name, argumentsJson)] };

    public static ScriptedModelReply Calls(params ScriptedToolCall[] calls) => new() { ToolCalls = calls };
}

/// <summary>One tool call the scripted model makes: the tool's name and its arguments as a JSON object text.</summary>
internal sealed record ScriptedToolCall(string Name, string ArgumentsJson, string? Id = null);
