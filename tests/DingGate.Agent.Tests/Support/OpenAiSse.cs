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
}
