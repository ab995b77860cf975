using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DingGate.Agent.Tests.Support;

// The real /v1/messages streaming format: named events, each with a JSON data line.
internal static class AnthropicSse
{
    public static async Task StreamAsync(HttpContext context, string model, IReadOnlyList<string> thinking, IReadOnlyList<string> deltas)
    {
        FakeModelServer.StartSse(context);
        await Send(context, "message_start", new
        {
            type = "message_start",
            message = new
            {
                id = "msg_test",
                type = "message",
                role = "assistant",
                model,
                content = Array.Empty<object>(),
                stop_reason = (string?)null,
                stop_sequence = (string?)null,
                usage = new { input_tokens = 31, output_tokens = 1 },
            },
        });
        var index = 0;
        if (thinking.Count > 0)
        {
            await Send(context, "content_block_start", new { type = "content_block_start", index, content_block = new { type = "thinking", thinking = "", signature = "" } });
            foreach (var t in thinking)
            {
                await Send(context, "content_block_delta", new { type = "content_block_delta", index, delta = new { type = "thinking_delta", thinking = t } });
            }

            await Send(context, "content_block_delta", new { type = "content_block_delta", index, delta = new { type = "signature_delta", signature = "sig" } });
            await Send(context, "content_block_stop", new { type = "content_block_stop", index });
            index++;
        }

        await Send(context, "content_block_start", new { type = "content_block_start", index, content_block = new { type = "text", text = "" } });
        foreach (var d in deltas)
        {
            await Send(context, "content_block_delta", new { type = "content_block_delta", index, delta = new { type = "text_delta", text = d } });
        }

        await Send(context, "content_block_stop", new { type = "content_block_stop", index });
        await Send(context, "message_delta", new { type = "message_delta", delta = new { stop_reason = "end_turn", stop_sequence = (string?)null }, usage = new { output_tokens = 9 } });
        await Send(context, "message_stop", new { type = "message_stop" });
    }

    // A streamed answer that calls one tool: a tool_use block whose input arrives as input_json_delta fragments, then
    // stop_reason "tool_use".
    public static async Task ToolUseAsync(HttpContext context, string model, string id, string name, string inputJson)
    {
        FakeModelServer.StartSse(context);
        await Send(context, "message_start", new
        {
            type = "message_start",
            message = new
            {
                id = "msg_tool",
                type = "message",
                role = "assistant",
                model,
                content = Array.Empty<object>(),
                stop_reason = (string?)null,
                stop_sequence = (string?)null,
                usage = new { input_tokens = 40, output_tokens = 1 },
            },
        });
        await Send(context, "content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "tool_use", id, name, input = new { } } });
        var half = inputJson.Length / 2;
        foreach (var part in new[] { inputJson[..half], inputJson[half..] })
        {
            await Send(context, "content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "input_json_delta", partial_json = part } });
        }

        await Send(context, "content_block_stop", new { type = "content_block_stop", index = 0 });
        await Send(context, "message_delta", new { type = "message_delta", delta = new { stop_reason = "tool_use", stop_sequence = (string?)null }, usage = new { output_tokens = 12 } });
        await Send(context, "message_stop", new { type = "message_stop" });
    }

    private static Task Send(HttpContext context, string name, object data) =>
        FakeModelServer.WriteSseAsync(context, JsonSerializer.Serialize(data), name);
}
