using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DingGate.Agent.Tests.Support;

// The real /v1/chat/completions streaming format: chat.completion.chunk objects, usage in a last chunk with no choices
// when stream_options.include_usage was asked, then [DONE].
internal static class OpenAiSse
{
    public static string Chunk(string model, string? content, string? finishReason = null, bool first = false) =>
        JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion.chunk",
            created = 1764057600,
            model,
            choices = new[]
            {
                new
                {
                    index = 0,
                    delta = content is null ? (object)new { } : first ? new { role = "assistant", content } : new { content },
                    finish_reason = finishReason,
                },
            },
        });

    public static string Usage(string model, int prompt, int completion) =>
        JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion.chunk",
            created = 1764057600,
            model,
            choices = Array.Empty<object>(),
            usage = new { prompt_tokens = prompt, completion_tokens = completion, total_tokens = prompt + completion },
        });

    public static async Task StreamAsync(HttpContext context, string model, IReadOnlyList<string> deltas, bool includeUsage, int prompt = 12, int completion = 5)
    {
        FakeModelServer.StartSse(context);
        for (var i = 0; i < deltas.Count; i++)
        {
            await FakeModelServer.WriteSseAsync(context, Chunk(model, deltas[i], first: i == 0));
        }

        await FakeModelServer.WriteSseAsync(context, Chunk(model, null, "stop"));
        if (includeUsage)
        {
            await FakeModelServer.WriteSseAsync(context, Usage(model, prompt, completion));
        }

        await FakeModelServer.WriteSseAsync(context, "[DONE]");
    }

    // A streamed answer that calls tools: the first chunk of each call carries its id, type and name, its arguments
    // follow in two fragments (as the real API splits them), then finish_reason "tool_calls".
    public static async Task ToolCallsAsync(HttpContext context, string model, IReadOnlyList<(string Id, string Name, string Arguments)> calls, bool includeUsage, int prompt = 12, int completion = 5)
    {
        FakeModelServer.StartSse(context);
        for (var i = 0; i < calls.Count; i++)
        {
            var (id, name, arguments) = calls[i];
            var half = arguments.Length / 2;
            await FakeModelServer.WriteSseAsync(context, ToolCallChunk(model, i, new { index = i, id, type = "function", function = new { name, arguments = string.Empty } }, first: i == 0));
            await FakeModelServer.WriteSseAsync(context, ToolCallChunk(model, i, new { index = i, function = new { arguments = arguments[..half] } }, first: false));
            await FakeModelServer.WriteSseAsync(context, ToolCallChunk(model, i, new { index = i, function = new { arguments = arguments[half..] } }, first: false));
        }

        await FakeModelServer.WriteSseAsync(context, Chunk(model, null, "tool_calls"));
        if (includeUsage)
        {
            await FakeModelServer.WriteSseAsync(context, Usage(model, prompt, completion));
        }

        await FakeModelServer.WriteSseAsync(context, "[DONE]");
    }

    private static string ToolCallChunk(string model, int index, object toolCall, bool first) =>
        JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion.chunk",
            created = 1764057600,
            model,
            choices = new[]
            {
                new
                {
                    index = 0,
                    delta = first ? (object)new { role = "assistant", content = (string?)null, tool_calls = new[] { toolCall } } : new { tool_calls = new[] { toolCall } },
                    finish_reason = (string?)null,
                },
            },
        });
}
