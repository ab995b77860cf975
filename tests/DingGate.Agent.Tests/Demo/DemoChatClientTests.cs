using DingGate.Agent.Demo;
using DingGate.Agent.Running;
using DingGate.Agent.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Sessions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.Agent.Tests.Demo;

public sealed class DemoChatClientTests
{
    [Fact]
    public async Task RunAsync_NoModelsConfigured_DemoShowsWhatItReceived()
    {
        using var folder = new TempFolder();
        var notes = folder.Write("notes.txt", "First line of the notes\nsecond line\n"u8.ToArray());
        var image = folder.Write("p.png", Fixtures.Png);
        var attachments = new[]
        {
            new InboundAttachment { Kind = InboundContentKind.File, DownloadCode = "a", FileName = "notes.txt", LocalPath = notes },
            new InboundAttachment { Kind = InboundContentKind.Picture, DownloadCode = "b", FileName = "p.png", ContentType = "image/png", LocalPath = image },
        };
        var history = new[] { new SessionTurn("user", "q", DateTimeOffset.UnixEpoch), new SessionTurn("assistant", "a", DateTimeOffset.UnixEpoch) };
        await using var services = Runners.Build(new DinggateConfig());
        await using var sink = new RecordingReplySink();

        var answer = await services.Runner().RunAsync(new AgentRequest(Messages.Text("帮我看看这个文件", attachments), history), sink, CancellationToken.None);

        Assert.StartsWith("### 🤖 演示模型（离线）\n\n这是离线演示回复，没有调用任何大模型。", answer.Text, StringComparison.Ordinal);
        Assert.Equal(answer.Text, string.Concat(sink.Deltas));
        Assert.True(sink.Deltas.Count > 30, $"many small deltas, got {sink.Deltas.Count}");
        Assert.Contains("> 帮我看看这个文件", answer.Text, StringComparison.Ordinal);
        Assert.Contains("张三 (staff-1)", answer.Text, StringComparison.Ordinal);
        Assert.Contains("`main/dm:sender-1`", answer.Text, StringComparison.Ordinal);
        Assert.Contains("**历史消息：** 2", answer.Text, StringComparison.Ordinal);
        Assert.Contains("**图片：** 1", answer.Text, StringComparison.Ordinal);
        Assert.Contains("`notes.txt` (text)", answer.Text, StringComparison.Ordinal);
        Assert.Contains("```text\nFirst line of the notes\nsecond line\n```", answer.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("First line of the notes", answer.UserText, StringComparison.Ordinal);
        Assert.True(answer.OutputTokens > 0);
    }

    [Fact]
    public async Task RunAsync_EnglishLocale_EnglishDemoAnswer()
    {
        var config = new DinggateConfig { Channels = { Dingtalk = new DingTalkChannelSettings { Locale = "en" } } };
        await using var services = Runners.Build(config);
        await using var sink = new RecordingReplySink();

        var answer = await services.Runner().RunAsync(new AgentRequest(Messages.Text("hello"), []), sink, CancellationToken.None);

        Assert.StartsWith("### 🤖 Demo model (offline)\n\nThis is an offline demo reply: no AI model was called.", answer.Text, StringComparison.Ordinal);
        Assert.Contains("**History:** 0", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("演示", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SameRequestTwice_SameReply()
    {
        await using var services = Runners.Build(new DinggateConfig());
        await using var first = new RecordingReplySink();
        await using var second = new RecordingReplySink();

        var a = await services.Runner().RunAsync(new AgentRequest(Messages.Text("hello"), []), first, CancellationToken.None);
        var b = await services.Runner().RunAsync(new AgentRequest(Messages.Text("hello"), []), second, CancellationToken.None);

        Assert.Equal(a.Text, b.Text);
        Assert.Equal(first.Deltas, second.Deltas);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_WithDelay_WaitsOnTimeProviderBetweenDeltas()
    {
        var time = new FakeTimeProvider();
        using var client = new DemoChatClient(time, new DemoChatOptions { DeltaDelay = TimeSpan.FromMilliseconds(30), DeltaLength = 4 });
        await using var updates = client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]).GetAsyncEnumerator();

        Assert.True(await updates.MoveNextAsync());
        var next = updates.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(29));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(4, new System.Globalization.StringInfo(updates.Current.Text).LengthInTextElements);
    }

    [Fact]
    public async Task GetResponseAsync_NonStreaming_SameTextAsStreamed()
    {
        using var client = new DemoChatClient(TimeProvider.System, new DemoChatOptions { DeltaDelay = TimeSpan.Zero });
        ChatMessage[] messages = [new(ChatRole.System, "s"), new(ChatRole.User, "question")];

        var response = await client.GetResponseAsync(messages);
        var streamed = await client.GetStreamingResponseAsync(messages).ToChatResponseAsync();

        Assert.Equal(response.Text, streamed.Text);
        Assert.Contains("> question", response.Text, StringComparison.Ordinal);
        Assert.Equal("demo", response.ModelId);
    }

    [Fact]
    public void Split_Emoji_NeverCutInHalf()
    {
        var parts = DemoChatClient.Split("🤖a🤖b", 1).ToList();

        Assert.Equal(["🤖", "a", "🤖", "b"], parts);
    }
}
