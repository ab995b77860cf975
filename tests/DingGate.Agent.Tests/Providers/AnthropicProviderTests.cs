using DingGate.Agent.Running;
using DingGate.Agent.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.Core.Replies;
using DingGate.Core.Sessions;

namespace DingGate.Agent.Tests.Providers;

// The Anthropic provider through the official Anthropic SDK's IChatClient against a fake /v1/messages SSE server.
public sealed class AnthropicProviderTests
{
    [Fact]
    public async Task RunAsync_AnthropicServer_SendsRequestAndStreamsDeltas()
    {
        await using var server = await FakeModelServer.StartAsync("/v1/messages", (context, _) =>
            AnthropicSse.StreamAsync(context, "claude-test", ["Let me think", " about it"], ["Hello", " from", " Claude"]));
        var config = Runners.Config(new ModelSettings { Provider = "anthropic", BaseUrl = server.BaseAddress, Model = "claude-test", ApiKey = "ak-test", MaxOutputTokens = 1000 }, "Be kind.");
        await using var services = Runners.Build(config);
        await using var sink = new RecordingReplySink();
        var history = new[] { new SessionTurn("user", "before", DateTimeOffset.UnixEpoch), new SessionTurn("assistant", "reply before", DateTimeOffset.UnixEpoch) };

        var answer = await services.Runner().RunAsync(new AgentRequest(Messages.Text("hi claude"), history), sink, CancellationToken.None);

        Assert.Equal(["Hello", " from", " Claude"], sink.Deltas);
        Assert.Equal("Hello from Claude", answer.Text);
        Assert.Equal(9, answer.OutputTokens);
        var status = Assert.Single(sink.Statuses);
        Assert.Equal(ReplyStatusKind.Reasoning, status.Kind);
        Assert.True(sink.Updates.ToList().IndexOf(status) < sink.Updates.ToList().FindIndex(u => u is ReplyTextDelta));
        var request = Assert.Single(server.Requests);
        var body = request.Json;
        Assert.Equal("claude-test", body["model"]!.GetValue<string>());
        Assert.Equal(1000, body["max_tokens"]!.GetValue<int>());
        Assert.True(body["stream"]!.GetValue<bool>());
        Assert.Contains("Be kind.", body["system"]!.ToJsonString(), StringComparison.Ordinal);
        var messages = body["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Contains("hi claude", messages[2]!["content"]!.ToJsonString(), StringComparison.Ordinal);
        // SDK 13.x sends the API key as a bearer token (not x-api-key), with its anthropic-version header.
        Assert.Equal("Bearer ak-test", request.Headers["Authorization"]);
        Assert.True(request.Headers.ContainsKey("anthropic-version"));
    }

    [Fact]
    public async Task RunAsync_BaseUrlWithV1_SameEndpoint()
    {
        await using var server = await FakeModelServer.StartAsync("/v1/messages", (context, _) =>
            AnthropicSse.StreamAsync(context, "claude-test", [], ["ok"]));
        var config = Runners.Config(new ModelSettings { Provider = "anthropic", BaseUrl = new Uri(server.BaseAddress, "/v1/"), Model = "claude-test", ApiKey = "k" });
        await using var services = Runners.Build(config);
        await using var sink = new RecordingReplySink();

        var answer = await services.Runner().RunAsync(new AgentRequest(Messages.Text("hi"), []), sink, CancellationToken.None);

        Assert.Equal("ok", answer.Text);
        Assert.Equal(4096, Assert.Single(server.Requests).Json["max_tokens"]!.GetValue<int>());
        Assert.Empty(sink.Statuses);
    }
}
