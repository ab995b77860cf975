using DingGate.Agent.Running;
using DingGate.Agent.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Sessions;
using DingGate.Core.Texts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.Agent.Tests.Running;

public sealed class AgentRunnerTests
{
    private static readonly ModelSettings OpenAi = new() { Provider = "openai", Model = "qwen-plus" };

    [Fact]
    public async Task RunAsync_ReasoningDeltas_ThrottledShortStatuses()
    {
        var time = new FakeTimeProvider();
        var fake = new FakeChatClient();
        fake.Stream = (_, _) => Reasoning(time);
        await using var services = Runners.Build(Runners.Config(OpenAi), s => { s.AddSingleton<TimeProvider>(time); s.UseClient(fake); });
        await using var sink = new RecordingReplySink();

        var answer = await services.Runner().RunAsync(new AgentRequest(Messages.Text("q"), []), sink, CancellationToken.None);

        // 10 deltas in the first second → one status; then time moves 2 s → a second one.
        Assert.Equal(2, sink.Statuses.Count);
        Assert.All(sink.Statuses, s => Assert.Equal(ReplyStatusKind.Reasoning, s.Kind));
        Assert.All(sink.Statuses, s => Assert.True(s.Text.Length <= AgentTexts.Thinking.ZhCn.Length + ReasoningStatusThrottle.TailLength + 2, s.Text));
        Assert.Equal("answer", answer.Text);
        Assert.Equal(["answer"], sink.Deltas);
    }

    // An in-process client gets the same function invocation as the HTTP providers: it sits above the model's client.
    [Fact]
    public async Task RunAsync_InProcessClientCallsAllowedTool_ToolRunsStatusesAndTokensOfBothRounds()
    {
        var fake = new FakeChatClient
        {
            Stream = (messages, _) => messages[^1].Role == ChatRole.Tool
                ? FakeChatClient.Updates(
                    new ChatResponseUpdate(ChatRole.Assistant, "done"),
                    FakeChatClient.Of(new UsageContent(new UsageDetails { InputTokenCount = 150, OutputTokenCount = 10 })))
                : FakeChatClient.Updates(
                    FakeChatClient.Of(new FunctionCallContent("c1", "web_search")),
                    FakeChatClient.Of(new UsageContent(new UsageDetails { InputTokenCount = 100, OutputTokenCount = 20 }))),
        };
        var search = TestTool.Returning("web_search", "3 results");
        var config = Runners.Config(OpenAi);
        config.Agents["default"] = new AgentSettings { Tools = { Allow = { "web_search" } } };
        await using var services = Runners.Build(config, s => { s.UseClient(fake); s.AddSingleton<DingGate.Agent.Tools.IBuiltinTool>(search); });
        await using var sink = new RecordingReplySink();

        var answer = await services.Runner().RunAsync(new AgentRequest(Messages.Text("q"), []), sink, CancellationToken.None);

        Assert.Equal(1, search.Runs);
        Assert.Equal(new ReplyStatus(ReplyStatusKind.ToolCall, "web_search"), sink.Updates[0]);
        Assert.Equal(new ReplyStatus(ReplyStatusKind.ToolDone, "web_search"), sink.Updates[1]);
        Assert.Equal(new ReplyTextDelta("done"), sink.Updates[2]);
        Assert.Equal("3 results", Assert.IsType<FunctionResultContent>(Assert.Single(fake.Calls[1][^1].Contents)).Result);
        Assert.Equal((250L, 30L), (answer.InputTokens, answer.OutputTokens));
    }

    [Fact]
    public async Task RunAsync_StopButtonPressed_StopsWithoutFurtherDeltas()
    {
        var fake = new FakeChatClient { Stream = (_, ct) => Endless(ct) };
        await using var services = Runners.Build(Runners.Config(OpenAi), s => s.UseClient(fake));
        await using var sink = new RecordingReplySink();
        sink.OnWrite = (_, count) =>
        {
            if (count == 3)
            {
                sink.PressStop();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            services.Runner().RunAsync(new AgentRequest(Messages.Text("q"), []), sink, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(3, sink.Deltas.Count);
    }

    [Fact]
    public async Task RunAsync_HistoryOverBudget_NewestTurnsKept()
    {
        var fake = new FakeChatClient();
        var config = Runners.Config(OpenAi);
        config.Agents["default"] = new AgentSettings { MaxHistoryMessages = 3, SystemPrompt = "sys" };
        await using var services = Runners.Build(config, s => s.UseClient(fake));
        await using var sink = new RecordingReplySink();
        var history = Enumerable.Range(1, 6).Select(i => new SessionTurn(i % 2 == 1 ? "user" : "assistant", "t" + i, DateTimeOffset.UnixEpoch)).ToList();

        await services.Runner().RunAsync(new AgentRequest(Messages.Text("now"), history), sink, CancellationToken.None);

        // The newest 3 are t4..t6; t4 is an answer whose question fell outside the budget, so the history starts at t5
        // (as the store's does): the model never reads an answer to a question it cannot see.
        var sent = Assert.Single(fake.Calls);
        Assert.Equal(["sys", "t5", "t6", "now"], sent.Select(m => m.Text));
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User], sent.Select(m => m.Role));
    }

    [Fact]
    public async Task RunAsync_NoAgentPrompt_DefaultPromptMentionsDingTalkMarkdown()
    {
        var fake = new FakeChatClient();
        await using var services = Runners.Build(Runners.Config(OpenAi), s => s.UseClient(fake));
        await using var sink = new RecordingReplySink();

        await services.Runner().RunAsync(new AgentRequest(Messages.Text("q"), []), sink, CancellationToken.None);

        var system = Assert.Single(fake.Calls)[0];
        Assert.Equal(ChatRole.System, system.Role);
        Assert.Contains("钉钉", system.Text, StringComparison.Ordinal);
        Assert.Contains("DingTalk markdown", system.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ModelWithoutImages_ImageBecomesNote()
    {
        using var folder = new TempFolder();
        var image = folder.Write("x.png", Fixtures.Png);
        var fake = new FakeChatClient();
        await using var services = Runners.Build(Runners.Config(new ModelSettings { Provider = "openai", Model = "m", SupportsImages = false }), s => s.UseClient(fake));
        await using var sink = new RecordingReplySink();
        var attachments = new[] { new InboundAttachment { Kind = InboundContentKind.Picture, DownloadCode = "d", FileName = "x.png", LocalPath = image } };

        var answer = await services.Runner().RunAsync(new AgentRequest(Messages.Text("look", attachments), []), sink, CancellationToken.None);

        var user = Assert.Single(fake.Calls)[^1];
        Assert.Empty(user.Contents.OfType<DataContent>());
        Assert.Contains("x.png", user.Text, StringComparison.Ordinal);
        Assert.Contains("does not take images", answer.UserText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PdfAndQuoteInGroup_ModelReadsTextQuoteAndSender()
    {
        using var folder = new TempFolder();
        var pdf = folder.Write("spec.pdf", Fixtures.Pdf("The limit is 42 requests"));
        var fake = new FakeChatClient();
        await using var services = Runners.Build(Runners.Config(OpenAi), s => s.UseClient(fake));
        await using var sink = new RecordingReplySink();
        var message = Messages.Text("what is the limit?", [new InboundAttachment { Kind = InboundContentKind.File, DownloadCode = "d", FileName = "spec.pdf", LocalPath = pdf }], ConversationKind.Group)
            with { Quote = new InboundQuote { FromBot = true, Text = "earlier bot answer" } };

        var answer = await services.Runner().RunAsync(new AgentRequest(message, []), sink, CancellationToken.None);

        var user = Assert.Single(fake.Calls)[^1].Text;
        Assert.Contains("The limit is 42 requests", user, StringComparison.Ordinal);
        Assert.Contains("> earlier bot answer", user, StringComparison.Ordinal);
        Assert.Contains("张三", user, StringComparison.Ordinal);
        Assert.True(user.IndexOf("earlier bot answer", StringComparison.Ordinal) < user.IndexOf("what is the limit?", StringComparison.Ordinal));
        Assert.Contains("The limit is 42 requests", answer.UserText, StringComparison.Ordinal);
        Assert.Equal("main/group:cid-1", fake.Options.Single()!.AdditionalProperties!["dinggate.session"]);
    }

    [Fact]
    public async Task RunAsync_QuotedPictureAndPdf_ReachTheModelAsAnImageAndTextBeforeTheQuestion()
    {
        using var folder = new TempFolder();
        var image = folder.Write("chart.png", Fixtures.Png);
        var pdf = folder.Write("report.pdf", Fixtures.Pdf("Revenue grew 17 percent"));
        var fake = new FakeChatClient();
        await using var services = Runners.Build(Runners.Config(OpenAi), s => s.UseClient(fake));
        await using var sink = new RecordingReplySink();
        var message = Messages.Text("这张图说明了什么？", []) with
        {
            Quote = new InboundQuote
            {
                Text = "[图片] [文件: report.pdf]",
                Attachments =
                [
                    new InboundAttachment { Kind = InboundContentKind.Picture, DownloadCode = "q1", FileName = "chart.png", LocalPath = image },
                    new InboundAttachment { Kind = InboundContentKind.File, DownloadCode = "q2", FileName = "report.pdf", LocalPath = pdf },
                ],
            },
        };

        await services.Runner().RunAsync(new AgentRequest(message, []), sink, CancellationToken.None);

        var user = Assert.Single(fake.Calls)[^1];
        var picture = Assert.Single(user.Contents.OfType<DataContent>());
        Assert.Equal("image/png", picture.MediaType);
        Assert.Equal(Fixtures.Png, picture.Data.ToArray());
        var texts = user.Contents.OfType<TextContent>().Select(t => t.Text).ToList();
        var question = texts.FindIndex(t => t.Contains("这张图说明了什么", StringComparison.Ordinal));
        Assert.True(texts.FindIndex(t => t.Contains("Revenue grew 17 percent", StringComparison.Ordinal) && t.Contains("quoted file", StringComparison.Ordinal)) is var file && file >= 0 && file < question);
        Assert.True(user.Contents.IndexOf(picture) < user.Contents.IndexOf(user.Contents.OfType<TextContent>().First(t => t.Text.Contains("这张图说明了什么", StringComparison.Ordinal))));
        Assert.Contains(texts, t => t.Contains("quoted image: chart.png", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_QuotedFileAndOwnFile_ShareOneTextBudget()
    {
        using var folder = new TempFolder();
        var quotedText = folder.Write("old.txt", System.Text.Encoding.UTF8.GetBytes(new string('旧', 300)));
        var ownText = folder.Write("new.txt", System.Text.Encoding.UTF8.GetBytes(new string('新', 300)));
        var fake = new FakeChatClient();
        var config = Runners.Config(OpenAi);
        config.Attachments = new AttachmentSettings { MaxTotalChars = 400 };
        await using var services = Runners.Build(config, s => s.UseClient(fake));
        await using var sink = new RecordingReplySink();
        var message = Messages.Text("比较这两份", [new InboundAttachment { Kind = InboundContentKind.File, DownloadCode = "d", FileName = "new.txt", LocalPath = ownText }]) with
        {
            Quote = new InboundQuote
            {
                Text = "[文件: old.txt]",
                Attachments = [new InboundAttachment { Kind = InboundContentKind.File, DownloadCode = "q", FileName = "old.txt", LocalPath = quotedText }],
            },
        };

        await services.Runner().RunAsync(new AgentRequest(message, []), sink, CancellationToken.None);

        var user = Assert.Single(fake.Calls)[^1].Text;
        // The quoted file comes first and takes its 300 characters; the message's own file gets what is left of 400.
        Assert.Equal(300, user.Count(c => c == '旧'));
        Assert.InRange(user.Count(c => c == '新'), 1, 100);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Reasoning(FakeTimeProvider time)
    {
        for (var i = 0; i < 10; i++)
        {
            await Task.Yield();
            yield return FakeChatClient.Of(new TextReasoningContent($"step {i} of a long chain of thought that goes on and on. "));
        }

        time.Advance(TimeSpan.FromSeconds(2));
        yield return FakeChatClient.Of(new TextReasoningContent("final step"));
        yield return new ChatResponseUpdate(ChatRole.Assistant, "answer");
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Endless([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; ; i++)
        {
            // Like a real client: a pending read that only cancellation ends once the stop button is pressed.
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, "d" + i);
        }
    }
}
