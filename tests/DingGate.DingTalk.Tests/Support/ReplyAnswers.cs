using System.Text.Json.Nodes;
using DingGate.Core.Replies;

namespace DingGate.DingTalk.Tests.Support;

/// <summary>The reply-outbox tests' shared steps: a handler that answers with one text, and what the chat then shows.</summary>
internal static class ReplyAnswers
{
    /// <summary>Makes the channel's handler answer every message with <paramref name="text"/>; the task gets the last outcome.</summary>
    public static TaskCompletionSource<ReplyOutcome> Answer(ChannelHarness channel, string text)
    {
        var outcome = new TaskCompletionSource<ReplyOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Handler.Respond = async (message, reply, ct) =>
        {
            await using (reply)
            {
                await reply.WriteAsync(new ReplyTextDelta(text), ct);
                outcome.SetResult(await reply.CompleteAsync(ReplyEnd.Finished, null, ct));
            }
        };
        return outcome;
    }

    /// <summary>The texts the bot put into the message's conversation, as the emulator's conversation log has them.</summary>
    public static async Task<List<string>> BotTextsAsync(DingTalkTestEmulator emu, JsonObject injected)
    {
        var entries = await emu.ControlAsync(HttpMethod.Get, "/_emulator/conversations/" + Uri.EscapeDataString(injected["conversationId"]!.GetValue<string>()));
        return entries!.AsArray().Select(e => e!).Where(e => e["fromBot"]!.GetValue<bool>())
            .Select(e => e["content"]?["content"]?.GetValue<string>() ?? e["content"]?["text"]?.GetValue<string>() ?? e["text"]?.GetValue<string>() ?? e.ToJsonString())
            .ToList();
    }
}
