using System.Text.Json.Nodes;
using DingGate.Core.Replies;
using DingGate.DingTalk.Tests.Support;
using DingGate.Emulator.Recording;

namespace DingGate.DingTalk.Tests.EndToEnd;

/// <summary>Markdown-mode replies through the real channel, asserted on the DingTalk calls the emulator recorded.</summary>
public sealed class MarkdownReplyTests
{
    [Fact]
    public async Task ShortReply_DirectMessage_ExactlyOneWebhookCall()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var outcome = Answer(channel, "好的，明天见。");
        var before = emu.Recorder.HttpCalls.Count;

        await emu.InjectTextAsync("明天开会吗？");
        var result = await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        var call = Assert.Single(DingTalkCalls(emu, before));
        Assert.Equal("/robot/sendBySession", call.Path);
        var body = JsonNode.Parse(call.RequestBody)!;
        Assert.Equal("text", body["msgtype"]!.GetValue<string>());
        Assert.Equal("好的，明天见。", body["text"]!["content"]!.GetValue<string>());
        Assert.Null(body["at"]);
        Assert.Equal(new Dictionary<string, int> { ["webhook"] = 1 }, result.ApiCalls);
        Assert.True(result.Delivered);
    }

    [Fact]
    public async Task MarkdownAnswer_SentAsMarkdownWithFirstLineTitle()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var outcome = Answer(channel, "## 本周总结\n", "- 完成 **A**\n", "- 进行中 B");
        var before = emu.Recorder.HttpCalls.Count;

        await emu.InjectTextAsync("总结一下");
        await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        var body = JsonNode.Parse(Assert.Single(DingTalkCalls(emu, before)).RequestBody)!;
        Assert.Equal("markdown", body["msgtype"]!.GetValue<string>());
        Assert.Equal("本周总结", body["markdown"]!["title"]!.GetValue<string>());
        Assert.Equal("## 本周总结\n- 完成 **A**\n- 进行中 B", body["markdown"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task GroupReply_MentionsSenderInTextAndAtList()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var outcome = Answer(channel, "收到，马上处理。");
        var before = emu.Recorder.HttpCalls.Count;

        await emu.ControlAsync(HttpMethod.Post, "/_emulator/messages", new { from = "user002", conversation = DingTalkTestEmulator.GroupId, text = "帮我看看" });
        await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        var body = JsonNode.Parse(Assert.Single(DingTalkCalls(emu, before)).RequestBody)!;
        Assert.Equal("@user002 收到，马上处理。", body["text"]!["content"]!.GetValue<string>());
        Assert.Equal(["user002"], body["at"]!["atUserIds"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    // An answer opening with a list, heading, table or code block keeps rendering: the @ gets a line of its own.
    [Theory]
    [InlineData("- 第一项\n- 第二项")]
    [InlineData("## 本周总结\n完成 **A**")]
    [InlineData("1. 先做这个\n2. 再做那个")]
    [InlineData("```json\n{\"a\": 1}\n```")]
    [InlineData("> 引用的话\n\n**回答**")]
    public async Task GroupReply_MarkdownOpeningWithABlock_MentionOnItsOwnLine(string answer)
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var outcome = Answer(channel, answer);
        var before = emu.Recorder.HttpCalls.Count;

        await emu.ControlAsync(HttpMethod.Post, "/_emulator/messages", new { from = "user002", conversation = DingTalkTestEmulator.GroupId, text = "帮我看看" });
        await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        var body = JsonNode.Parse(Assert.Single(DingTalkCalls(emu, before)).RequestBody)!;
        Assert.Equal("markdown", body["msgtype"]!.GetValue<string>());
        Assert.Equal("@user002\n\n" + answer, body["markdown"]!["text"]!.GetValue<string>());
        Assert.Equal(["user002"], body["at"]!["atUserIds"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task ExpiredWebhook_AnswerSentThroughOpenApiInstead()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var outcome = new TaskCompletionSource<ReplyOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Handler.Respond = async (message, reply, ct) =>
        {
            emu.Time.Advance(TimeSpan.FromMinutes(91)); // the model took longer than the webhook lives (90 min)
            await using (reply)
            {
                await reply.WriteAsync(new ReplyTextDelta("迟到的回答"), ct);
                outcome.SetResult(await reply.CompleteAsync(ReplyEnd.Finished, null, ct));
            }
        };
        var before = emu.Recorder.HttpCalls.Count;

        await emu.InjectTextAsync("还在吗");
        var result = await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        var calls = DingTalkCalls(emu, before);
        Assert.DoesNotContain(calls, c => c.Path == "/robot/sendBySession");
        var send = JsonNode.Parse(Assert.Single(calls, c => c.Path == "/v1.0/robot/oToMessages/batchSend").RequestBody)!;
        Assert.Equal("sampleText", send["msgKey"]!.GetValue<string>());
        Assert.Equal(["user001"], send["userIds"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("迟到的回答", JsonNode.Parse(send["msgParam"]!.GetValue<string>())!["content"]!.GetValue<string>());
        Assert.True(result.Delivered);
        Assert.Equal(1, result.ApiCalls["oto_send"]);
    }

    [Fact]
    public async Task WebhookRefused300001_FallsBackToOpenApiOnce()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var outcome = new TaskCompletionSource<ReplyOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Handler.Respond = async (message, reply, ct) =>
        {
            await emu.ControlAsync(HttpMethod.Post, "/_emulator/sessions/expire", new { });
            await using (reply)
            {
                await reply.WriteAsync(new ReplyTextDelta("**答案**：42"), ct);
                outcome.SetResult(await reply.CompleteAsync(ReplyEnd.Finished, null, ct));
            }
        };

        var injected = await emu.InjectTextAsync("问题");
        await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        var webhook = Assert.Single(emu.Calls("/robot/sendBySession"));
        Assert.Contains("300001", webhook.ResponseBody, StringComparison.Ordinal);
        var bot = await BotMessagesAsync(emu, injected["conversationId"]!.GetValue<string>());
        var only = Assert.Single(bot);
        Assert.Equal("oToMessages/batchSend", only["via"]!.GetValue<string>());
        Assert.Equal("sampleMarkdown", only["kind"]!.GetValue<string>());
        Assert.Equal("**答案**：42", only["content"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task LongAnswerWithCodeFences_SplitIntoBalancedNumberedChunks_NothingLost()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var answer = LongAnswer(10_000);
        var outcome = Answer(channel, [.. Enumerable.Range(0, (answer.Length + 99) / 100).Select(i => answer.Substring(i * 100, Math.Min(100, answer.Length - (i * 100))))]);
        var before = emu.Recorder.HttpCalls.Count;

        await emu.InjectTextAsync("写一份长报告");
        var result = await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        var bodies = DingTalkCalls(emu, before).Select(c => JsonNode.Parse(c.RequestBody)!).ToList();
        Assert.All(bodies, b => Assert.Equal("markdown", b["msgtype"]!.GetValue<string>()));
        var texts = bodies.Select(b => b["markdown"]!["text"]!.GetValue<string>()).ToList();
        Assert.True(texts.Count is >= 3 and <= 4, $"{texts.Count} chunks");
        Assert.All(texts, t => Assert.True(t.Length <= 3800, $"chunk of {t.Length} chars"));
        Assert.All(texts, t => Assert.Equal(0, t.Split('\n').Count(l => l.TrimStart().StartsWith("```", StringComparison.Ordinal)) % 2));
        Assert.Equal(answer, string.Concat(texts));
        Assert.Equal(
            Enumerable.Range(1, texts.Count).Select(i => $"季度报告 ({i}/{texts.Count})"),
            bodies.Select(b => b["markdown"]!["title"]!.GetValue<string>()));
        Assert.Equal(texts.Count, result.Messages);
    }

    [Fact]
    public async Task SlowAnswer_ThinkingReactionShownThenTakenBack()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var outcome = new TaskCompletionSource<ReplyOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Handler.Respond = async (message, reply, ct) =>
        {
            emu.Time.Advance(TimeSpan.FromSeconds(2)); // the model is slow: past thinkingDelayMs (1500)
            await TestWait.UntilAsync(() => emu.Calls("/v1.0/robot/emotion/reply").Count == 1, "the thinking reaction");
            await using (reply)
            {
                await reply.WriteAsync(new ReplyTextDelta("想好了"), ct);
                outcome.SetResult(await reply.CompleteAsync(ReplyEnd.Finished, null, ct));
            }
        };

        var injected = await emu.InjectTextAsync("难题");
        var result = await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        var reaction = JsonNode.Parse(Assert.Single(emu.Calls("/v1.0/robot/emotion/reply")).RequestBody)!;
        Assert.Equal(injected["msgId"]!.GetValue<string>(), reaction["openMsgId"]!.GetValue<string>());
        Assert.Equal(injected["conversationId"]!.GetValue<string>(), reaction["openConversationId"]!.GetValue<string>());
        Assert.Equal(2, reaction["emotionType"]!.GetValue<int>());
        var sequence = emu.Recorder.HttpCalls.Where(c => c.Path is "/v1.0/robot/emotion/reply" or "/robot/sendBySession" or "/v1.0/robot/emotion/recall")
            .Select(c => c.Path).ToList();
        Assert.Equal(["/v1.0/robot/emotion/reply", "/robot/sendBySession", "/v1.0/robot/emotion/recall"], sequence);
        Assert.Equal(1, result.ApiCalls["webhook"]);
        Assert.Equal(2, result.ApiCalls["emotion"]);
    }

    [Fact]
    public async Task ThinkingIndicatorOff_SlowAnswer_NoReactionCalls()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path, s => s.ThinkingIndicator = "off");
        var outcome = new TaskCompletionSource<ReplyOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Handler.Respond = async (message, reply, ct) =>
        {
            emu.Time.Advance(TimeSpan.FromSeconds(5));
            await using (reply)
            {
                await reply.WriteAsync(new ReplyTextDelta("好"), ct);
                outcome.SetResult(await reply.CompleteAsync(ReplyEnd.Finished, null, ct));
            }
        };

        await emu.InjectTextAsync("慢慢来");
        var result = await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        Assert.Empty(emu.Calls("/v1.0/robot/emotion"));
        Assert.Equal(new Dictionary<string, int> { ["webhook"] = 1 }, result.ApiCalls);
    }

    [Fact]
    public async Task ThinkingIndicatorMessage_SlowAnswer_ShortTextFirstThenTheAnswer()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path, s => s.ThinkingIndicator = "message");
        var outcome = new TaskCompletionSource<ReplyOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Handler.Respond = async (message, reply, ct) =>
        {
            emu.Time.Advance(TimeSpan.FromSeconds(2));
            await TestWait.UntilAsync(() => emu.Calls("/robot/sendBySession").Count == 1, "the thinking message");
            await using (reply)
            {
                await reply.WriteAsync(new ReplyTextDelta("答案来了"), ct);
                outcome.SetResult(await reply.CompleteAsync(ReplyEnd.Finished, null, ct));
            }
        };

        await emu.InjectTextAsync("慢问题");
        var result = await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        var texts = emu.Calls("/robot/sendBySession").Select(c => JsonNode.Parse(c.RequestBody)!["text"]!["content"]!.GetValue<string>()).ToList();
        Assert.Equal(["思考中…", "答案来了"], texts);
        Assert.Empty(emu.Calls("/v1.0/robot/emotion"));
        Assert.Equal(2, result.ApiCalls["webhook"]);
    }

    [Fact]
    public async Task StoppedReply_PartialTextDeliveredWithStoppedNote()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var outcome = new TaskCompletionSource<ReplyOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Handler.Respond = async (message, reply, ct) =>
        {
            await using (reply)
            {
                await reply.WriteAsync(new ReplyTextDelta("第一部分"), ct);
                outcome.SetResult(await reply.CompleteAsync(ReplyEnd.Stopped, null, ct));
            }
        };

        await emu.InjectTextAsync("讲个长故事");
        var result = await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        var body = JsonNode.Parse(Assert.Single(emu.Calls("/robot/sendBySession")).RequestBody)!;
        Assert.Equal("第一部分\n\n> ⏹ 已停止生成", body["markdown"]!["text"]!.GetValue<string>());
        Assert.Equal(ReplyEnd.Stopped, result.End);
    }

    [Fact]
    public async Task ToolStatuses_MarkdownMode_AnswerCarriesNoStepLine()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var outcome = new TaskCompletionSource<ReplyOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Handler.Respond = async (message, reply, ct) =>
        {
            await using (reply)
            {
                await reply.WriteAsync(new ReplyStatus(ReplyStatusKind.ToolCall, "search"), ct);
                await reply.WriteAsync(new ReplyStatus(ReplyStatusKind.ToolDone, "search"), ct);
                await reply.WriteAsync(new ReplyStatus(ReplyStatusKind.ToolCall, "fetch_url"), ct);
                await reply.WriteAsync(new ReplyStatus(ReplyStatusKind.ToolFailed, "fetch_url"), ct);
                await reply.WriteAsync(new ReplyTextDelta("查到了：明天有雨。"), ct);
                outcome.SetResult(await reply.CompleteAsync(ReplyEnd.Finished, null, ct));
            }
        };
        var before = emu.Recorder.HttpCalls.Count;

        await emu.InjectTextAsync("明天天气？");
        var result = await outcome.Task.WaitAsync(TestWait.DefaultTimeout);

        var body = JsonNode.Parse(Assert.Single(DingTalkCalls(emu, before)).RequestBody)!;
        Assert.Equal("查到了：明天有雨。", body["text"]!["content"]!.GetValue<string>());
        Assert.Equal(ReplyMode.Markdown, result.Mode);
    }

    private static TaskCompletionSource<ReplyOutcome> Answer(ChannelHarness channel, params string[] deltas)
    {
        var outcome = new TaskCompletionSource<ReplyOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Handler.Respond = async (message, reply, ct) =>
        {
            await using (reply)
            {
                foreach (var delta in deltas)
                {
                    await reply.WriteAsync(new ReplyTextDelta(delta), ct);
                }

                outcome.SetResult(await reply.CompleteAsync(ReplyEnd.Finished, null, ct));
            }
        };
        return outcome;
    }

    // What the bot called on DingTalk after `since` (control-API calls excluded).
    private static List<RecordedHttpCall> DingTalkCalls(DingTalkTestEmulator emu, int since) =>
        emu.Recorder.HttpCalls.Skip(since).Where(c => !c.Path.StartsWith("/_emulator", StringComparison.Ordinal)).ToList();

    private static async Task<List<JsonNode>> BotMessagesAsync(DingTalkTestEmulator emu, string conversationId)
    {
        var entries = await emu.ControlAsync(HttpMethod.Get, "/_emulator/conversations/" + Uri.EscapeDataString(conversationId));
        return entries!.AsArray().Select(e => e!).Where(e => e["fromBot"]!.GetValue<bool>()).ToList();
    }

    // A report of about `length` characters: a heading, paragraphs and short code blocks, so every cut can fall
    // between blocks.
    private static string LongAnswer(int length)
    {
        var text = new System.Text.StringBuilder("# 季度报告\n\n");
        for (var i = 1; text.Length < length; i++)
        {
            text.Append("## 第 ").Append(i).Append(" 节\n\n");
            text.Append(string.Concat(Enumerable.Repeat($"这是第 {i} 节的说明文字，包含一些细节。", 6))).Append("\n\n");
            text.Append("```csharp\n");
            for (var line = 0; line < 6; line++)
            {
                text.Append("var value").Append(line).Append(" = Compute(").Append(i).Append(", ").Append(line).Append(");\n");
            }

            text.Append("```\n\n");
        }

        return text.ToString();
    }
}
