using System.Text.Json.Nodes;
using DingGate.Agent.Running;
using DingGate.Agent.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Sessions;
using DingGate.Core.Texts;

namespace DingGate.Agent.Tests.Providers;

// The OpenAI-compatible provider through the official OpenAI client against a fake server speaking the real SSE format.
public sealed class OpenAiCompatibleProviderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_OpenAiServer_SendsFullRequestAndStreamsDeltasInOrder()
    {
        await using var server = await FakeModelServer.StartAsync("/v1/chat/completions", (context, json) =>
            OpenAiSse.StreamAsync(context, "qwen-plus", ["你好", ", ", "world", "!"], json["stream_options"]?["include_usage"]?.GetValue<bool>() == true, 42, 7));
        using var folder = new TempFolder();
        var image = folder.Write("cat.png", Fixtures.Png);
        var config = Runners.Config(new ModelSettings { Provider = "openai", BaseUrl = new Uri(server.BaseAddress, "/v1"), Model = "qwen-plus", ApiKey = "sk-test-123" }, "Be brief.");
        await using var services = Runners.Build(config);
        await using var sink = new RecordingReplySink();
        var history = new[] { new SessionTurn("user", "earlier question", At), new SessionTurn("assistant", "earlier answer", At) };
        var attachments = new[] { new InboundAttachment { Kind = InboundContentKind.Picture, DownloadCode = "dc", FileName = "cat.png", ContentType = "image/png", LocalPath = image } };

        var answer = await services.Runner().RunAsync(new AgentRequest(Messages.Text("what is this?", attachments), history), sink, CancellationToken.None);

        Assert.Equal(["你好", ", ", "world", "!"], sink.Deltas);
        Assert.Equal("你好, world!", answer.Text);
        Assert.Equal(42, answer.InputTokens);
        Assert.Equal(7, answer.OutputTokens);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer sk-test-123", request.Headers["Authorization"]);
        var body = request.Json;
        Assert.Equal("qwen-plus", body["model"]!.GetValue<string>());
        Assert.True(body["stream"]!.GetValue<bool>());
        var messages = body["messages"]!.AsArray();
        Assert.Equal(4, messages.Count);
        Assert.Equal("system", messages[0]!["role"]!.GetValue<string>());
        Assert.Equal("Be brief.", TextOf(messages[0]!));
        Assert.Equal(("user", "earlier question"), (messages[1]!["role"]!.GetValue<string>(), TextOf(messages[1]!)));
        Assert.Equal(("assistant", "earlier answer"), (messages[2]!["role"]!.GetValue<string>(), TextOf(messages[2]!)));
        var parts = messages[3]!["content"]!.AsArray();
        Assert.Contains(parts, p => p!["type"]!.GetValue<string>() == "text" && p["text"]!.GetValue<string>() == "what is this?");
        var imagePart = Assert.Single(parts, p => p!["type"]!.GetValue<string>() == "image_url");
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(Fixtures.Png), imagePart!["image_url"]!["url"]!.GetValue<string>());
        Assert.DoesNotContain("dinggate.", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EmptyApiKey_LocalServerStillAnswers()
    {
        await using var server = await FakeModelServer.StartAsync("/v1/chat/completions", (context, _) =>
            OpenAiSse.StreamAsync(context, "llama3", ["ok"], includeUsage: false));
        var config = Runners.Config(new ModelSettings { Provider = "openai", BaseUrl = new Uri(server.BaseAddress, "/v1"), Model = "llama3", ApiKey = "" });
        await using var services = Runners.Build(config);
        await using var sink = new RecordingReplySink();

        var answer = await services.Runner().RunAsync(new AgentRequest(Messages.Text("hi"), []), sink, CancellationToken.None);

        Assert.Equal("ok", answer.Text);
        Assert.Equal("llama3", Assert.Single(server.Requests).Json["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_CancelledMidStream_StopsPromptlyAndWritesNoMoreDeltas()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var serverDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeModelServer.StartAsync("/v1/chat/completions", async (context, _) =>
        {
            try
            {
                FakeModelServer.StartSse(context);
                await FakeModelServer.WriteSseAsync(context, OpenAiSse.Chunk("m", "one ", first: true));
                await FakeModelServer.WriteSseAsync(context, OpenAiSse.Chunk("m", "two "));
                await release.Task.WaitAsync(context.RequestAborted);
                for (var i = 0; i < 20; i++)
                {
                    await FakeModelServer.WriteSseAsync(context, OpenAiSse.Chunk("m", "late "));
                }

                await FakeModelServer.WriteSseAsync(context, "[DONE]");
            }
            catch (OperationCanceledException)
            {
                // The client went away: what the test wants.
            }
            finally
            {
                serverDone.TrySetResult();
            }
        });
        var config = Runners.Config(new ModelSettings { Provider = "openai", BaseUrl = new Uri(server.BaseAddress, "/v1"), Model = "m", ApiKey = "k" });
        await using var services = Runners.Build(config);
        await using var sink = new RecordingReplySink();
        using var stop = new CancellationTokenSource();
        sink.OnWrite = (_, count) =>
        {
            if (count == 2)
            {
                stop.Cancel();
            }
        };

        var run = services.Runner().RunAsync(new AgentRequest(Messages.Text("long answer please"), []), sink, stop.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        release.TrySetResult();
        await serverDone.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["one ", "two "], sink.Deltas);
    }

    [Fact]
    public async Task RunAsync_ReasoningContentDeltas_ReasoningStatusBeforeAnswer()
    {
        await using var server = await FakeModelServer.StartAsync("/v1/chat/completions", async (context, _) =>
        {
            FakeModelServer.StartSse(context);
            await FakeModelServer.WriteSseAsync(context, """{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":null,"reasoning_content":"thinking hard"},"finish_reason":null}]}""");
            await FakeModelServer.WriteSseAsync(context, OpenAiSse.Chunk("m", "answer"));
            await FakeModelServer.WriteSseAsync(context, "[DONE]");
        });
        var config = Runners.Config(new ModelSettings { Provider = "openai", BaseUrl = new Uri(server.BaseAddress, "/v1"), Model = "m", ApiKey = "k" });
        await using var services = Runners.Build(config);
        await using var sink = new RecordingReplySink();

        var answer = await services.Runner().RunAsync(new AgentRequest(Messages.Text("q"), []), sink, CancellationToken.None);

        Assert.Equal("answer", answer.Text);
        // DeepSeek / Qwen send their thinking as delta.reasoning_content: shown as a status, never as answer text.
        Assert.Equal(new ReplyStatus(ReplyStatusKind.Reasoning, AgentTexts.Thinking.ZhCn + " thinking hard"), sink.Updates[0]);
        Assert.Equal(["answer"], sink.Deltas);
    }

    private static string TextOf(JsonNode message) =>
        message["content"] is JsonArray parts
            ? string.Concat(parts.Select(p => p!["text"]?.GetValue<string>()))
            : message["content"]!.GetValue<string>();
}
