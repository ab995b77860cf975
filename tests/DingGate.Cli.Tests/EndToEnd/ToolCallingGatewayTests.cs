using System.Runtime.CompilerServices;
using DingGate.Agent.Providers;
using DingGate.Agent.Tools;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.AI;
using DingGate.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// Tool calling through the real gateway (markdown mode): the model calls a tool, the answer sent to DingTalk uses its
/// result, the exchange with its tool steps is stored and read back on the next turn; owner-only tools refuse others.
/// </summary>
public sealed class ToolCallingGatewayTests
{
    [Fact]
    public async Task AllowedTool_AnswerUsesResultAndNextTurnReadsTheStepsFromHistory()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient { Script = call => CallThenAnswer(call, "lookup_order", """{"id":"42"}""") };
        var tool = new OrderTool();
        await using var gateway = await GatewayUnderTest.StartAsync(
            emu, state.Path, model, s => s.MessageType = "markdown",
            configureConfig: c => c.Agents["default"] = new AgentSettings { Tools = { Allow = { "lookup_order" } } },
            services: s => s.AddSingleton<IBuiltinTool>(tool));

        var first = await emu.SendDmAsync("订单 42 到哪了？");
        await gateway.WaitForDmHistoryAsync(first, 2);
        await emu.SendDmAsync("谢谢");
        var next = await model.WaitForCallAsync(3);

        Assert.Equal(1, tool.Runs);
        var texts = (await Wire.MessagesAsync(emu)).Select(c => Wire.WebhookText(c.Body)).ToList();
        Assert.Equal("查到了：order 42 shipped", texts[0]);
        var history = next.Messages.Skip(1).SkipLast(1).ToList();
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant], history.Select(m => m.Role));
        Assert.Equal("lookup_order", Assert.IsType<FunctionCallContent>(Assert.Single(history[1].Contents)).Name);
        Assert.Equal("order 42 shipped", Assert.IsType<FunctionResultContent>(Assert.Single(history[2].Contents)).Result);
    }

    // The real openai provider against a real OpenAI-compatible server emitting tool_calls; the tool throws.
    [Fact]
    public async Task RealOpenAiWire_ToolThrows_AnswerStillArrivesAndModelReadItsError()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.Script = request => request.LastMessageIsToolResult
            ? ScriptedModelReply.Text("工具出错了：", request.ToolResults[^1].Content)
            : ScriptedModelReply.Call("lookup_order", """{"id":"13"}""");
        using var state = new TempDirectory();
        var tool = new OrderTool(fail: true);
        await using var gateway = await GatewayUnderTest.StartAsync(
            emu, state.Path, new ScriptedChatClient(), s => s.MessageType = "markdown",
            configureConfig: c =>
            {
                c.Models["default"].BaseUrl = server.BaseUrl;
                c.Agents["default"] = new AgentSettings { Tools = { Allow = { "lookup_order" } } };
            },
            services: s =>
            {
                s.AddSingleton<IBuiltinTool>(tool);
                s.RemoveAll<IChatClientProvider>();
                s.AddSingleton<IChatClientProvider, ConfiguredChatClientProvider>();
            });

        var first = await emu.SendDmAsync("订单 13 呢？");
        await gateway.WaitForDmHistoryAsync(first, 2);

        Assert.Equal(1, tool.Runs);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(["lookup_order"], server.Requests[0].ToolNames);
        var error = server.Requests[1].ToolResults[^1].Content;
        Assert.Equal("Error: the tool 'lookup_order' failed (TimeoutException): order service unreachable", error);
        Assert.Equal("工具出错了：" + error, Wire.WebhookText(Assert.Single(await Wire.MessagesAsync(emu)).Body));
    }

    [Fact]
    public async Task OwnerOnlyTool_SenderNotAnOwner_ModelReadsRefusalAndToolNeverRuns()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient { Script = call => CallThenAnswer(call, "lookup_order", """{"id":"42"}""") };
        var tool = new OrderTool();
        await using var gateway = await GatewayUnderTest.StartAsync(
            emu, state.Path, model, s => { s.MessageType = "markdown"; s.Owners = ["manager01"]; },
            configureConfig: c =>
            {
                c.Agents["default"] = new AgentSettings { Tools = { Allow = { "lookup_order" } } };
                c.Tools.OwnerOnly = ["lookup_order"];
            },
            services: s => s.AddSingleton<IBuiltinTool>(tool));

        var first = await emu.SendDmAsync("订单 42 到哪了？", from: "user001");
        await gateway.WaitForDmHistoryAsync(first, 2);

        Assert.Equal(0, tool.Runs);
        var result = Assert.IsType<FunctionResultContent>(Assert.Single(model.Calls[1].Messages[^1].Contents));
        Assert.StartsWith("Refused: the tool 'lookup_order' may only be used by the owners", (string)result.Result!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnerOnlyTool_SenderIsAnOwner_ToolRuns()
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        var model = new ScriptedChatClient { Script = call => CallThenAnswer(call, "lookup_order", """{"id":"7"}""") };
        var tool = new OrderTool();
        await using var gateway = await GatewayUnderTest.StartAsync(
            emu, state.Path, model, s => { s.MessageType = "markdown"; s.Owners = ["user001"]; },
            configureConfig: c =>
            {
                c.Agents["default"] = new AgentSettings { Tools = { Allow = { "lookup_order" } } };
                c.Tools.OwnerOnly = ["lookup_order"];
            },
            services: s => s.AddSingleton<IBuiltinTool>(tool));

        var first = await emu.SendDmAsync("订单 7 呢？", from: "user001");
        await gateway.WaitForDmHistoryAsync(first, 2);

        Assert.Equal(1, tool.Runs);
        Assert.Equal("查到了：order 7 shipped", Wire.WebhookText(Assert.Single(await Wire.MessagesAsync(emu)).Body));
    }

    // First request: call the tool; the request after a tool result: answer with that result.
    private static async IAsyncEnumerable<ChatResponseUpdate> CallThenAnswer(ModelCall call, string name, string argumentsJson, [EnumeratorCancellation] CancellationToken token = default)
    {
        await Task.Yield();
        if (call.Messages[^1].Contents.OfType<FunctionResultContent>().FirstOrDefault() is { } result)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, "查到了：" + result.Result);
            yield break;
        }

        if (call.Messages[^1].Role == ChatRole.User && call.Messages.Count(m => m.Role == ChatRole.User) > 1)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, "不客气");
            yield break;
        }

        var arguments = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(argumentsJson);
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent("call_" + call.Index, name, arguments)]);
    }

    private sealed class OrderTool(bool fail = false) : IBuiltinTool
    {
        private int _runs;

        public string Name => "lookup_order";

        public string Description => "Looks up an order.";

        public int Runs => Volatile.Read(ref _runs);

        public AIFunction Create(ToolTurnContext turn) => AIFunctionFactory.Create(
            (string id) =>
            {
                Interlocked.Increment(ref _runs);
                return fail ? throw new TimeoutException("order service unreachable") : $"order {id} shipped";
            },
            new AIFunctionFactoryOptions { Name = Name, Description = Description });
    }
}
