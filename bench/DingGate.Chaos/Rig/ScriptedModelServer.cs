using System.Net;
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

namespace DingGate.Chaos.Rig;

/// <summary>
/// An OpenAI-compatible <c>/v1/chat/completions</c> server (SSE chunks, then <c>[DONE]</c>) in the harness process, so it
/// outlives every gateway kill. It answers the last user message's token: <c>Answer to cx000042: all good (end cx000042)</c>,
/// streamed in four deltas over <see cref="ChaosAnswer"/>'s delay, the token in the first delta so even a partial card
/// names its message.
/// </summary>
internal sealed class ScriptedModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeSpan _delay;
    private long _requests;

    private ScriptedModelServer(WebApplication app, TimeSpan delay)
    {
        _app = app;
        _delay = delay;
    }

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public long Requests => Interlocked.Read(ref _requests);

    public static async Task<ScriptedModelServer> StartAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedModelServer(app, delay);
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
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var token = LastUserToken(body) ?? "cx??????";
        var model = body?["model"]?.GetValue<string>() ?? "chaos";
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var deltas = ChaosAnswer.Deltas(token);
        var pause = _delay / deltas.Count;
        try
        {
            for (var i = 0; i < deltas.Count; i++)
            {
                await Task.Delay(pause, context.RequestAborted);
                await WriteAsync(context, Chunk(model, new JsonObject { ["role"] = i == 0 ? "assistant" : null, ["content"] = deltas[i] }, null));
            }

            await WriteAsync(context, Chunk(model, new JsonObject(), "stop"));
            await WriteAsync(context, "[DONE]");
        }
        catch (OperationCanceledException)
        {
            // The gateway went away (killed mid-answer): nothing to finish.
        }
    }

    private static string? LastUserToken(JsonNode? body)
    {
        var user = body?["messages"]?.AsArray().LastOrDefault(m => m?["role"]?.GetValue<string>() == "user");
        if (user is null)
        {
            return null;
        }

        var matches = ChaosAnswer.TokenPattern().Matches(user["content"]?.ToJsonString() ?? string.Empty);
        return matches.Count == 0 ? null : matches[^1].Value;
    }

    private static string Chunk(string model, JsonObject delta, string? finish)
    {
        if (delta["role"] is null)
        {
            delta.Remove("role");
        }

        return new JsonObject
        {
            ["id"] = "chatcmpl-chaos", ["object"] = "chat.completion.chunk", ["created"] = 1764057600, ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        }.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static async Task WriteAsync(HttpContext context, string data)
    {
        await context.Response.WriteAsync("data: " + data + "\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
