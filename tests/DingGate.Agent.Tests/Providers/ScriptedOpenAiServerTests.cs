using DingGate.Agent.Providers;
using DingGate.Core.Configuration;
using DingGate.Tests.Shared;
using Microsoft.Extensions.AI;

namespace DingGate.Agent.Tests.Providers;

// The shared scripted model server speaks the real OpenAI streaming format, tool_calls included: the official OpenAI
// client (through M.E.AI's function invocation) assembles its fragmented tool-call arguments, calls the function and
// sends the result back in the next request.
public sealed class ScriptedOpenAiServerTests
{
    [Fact]
    public async Task ToolCallScript_OfficialClientCallsTheFunctionAndSendsItsResultBack()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.Script = request => request.Index == 1
            ? ScriptedModelReply.Call("add", """{"a":2,"b":40}""")
            : ScriptedOpenAiServer.DefaultScript(request);
        var factory = new ChatClientFactory(TimeProvider.System);
        using var model = factory.Create(new ModelSettings { Provider = "openai", BaseUrl = server.BaseUrl, Model = "scripted", ApiKey = "k" });
        using var client = new ChatClientBuilder(model).UseFunctionInvocation().Build();
        var calls = new List<(int, int)>();
        var add = AIFunctionFactory.Create((int a, int b) => { calls.Add((a, b)); return a + b; }, "add", "Adds two numbers.");

        var text = string.Empty;
        await foreach (var update in client.GetStreamingResponseAsync("what is 2+40?", new ChatOptions { Tools = [add] }))
        {
            text += update.Text;
        }

        Assert.Equal([(2, 40)], calls);
        Assert.Equal("tool said: 42", text);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(["add"], server.Requests[0].ToolNames);
        Assert.Equal("what is 2+40?", server.Requests[0].LastUserText);
        var call = Assert.Single(server.Requests[1].ToolCalls);
        Assert.Equal(("call_1_0", "add"), (call.CallId, call.Name));
        Assert.Equal(("call_1_0", "42"), Assert.Single(server.Requests[1].ToolResults));
    }

    [Fact]
    public async Task TextScript_StreamsTheDeltasInOrder()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync();
        server.Script = _ => ScriptedModelReply.Text("你好", "，", "世界");
        using var model = new ChatClientFactory(TimeProvider.System).Create(new ModelSettings { Provider = "openai", BaseUrl = server.BaseUrl, Model = "scripted" });

        var deltas = new List<string>();
        await foreach (var update in model.GetStreamingResponseAsync("hi"))
        {
            if (update.Text.Length > 0)
            {
                deltas.Add(update.Text);
            }
        }

        Assert.Equal(["你好", "，", "世界"], deltas);
        Assert.Equal("hi", Assert.Single(server.Requests).LastUserText);
    }
}
