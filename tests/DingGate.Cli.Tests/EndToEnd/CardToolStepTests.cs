using DingGate.Agent.Tools;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.DingTalk.Tests.Support;
using DingGate.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// Tool progress on a card through the whole gateway (issue 15 item 5): the real openai provider against a
/// <see cref="ScriptedOpenAiServer"/> that answers with real <c>tool_calls</c>, the agent's function invocation running a
/// built-in tool, and the card showing the step in a streaming update while the tool runs, then the answer under the
/// summary line. Asserted on the streaming calls the emulator recorded and the model's recorded requests.
/// </summary>
public sealed class CardToolStepTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ModelCallsATool_CardStreamsTheRunningStepThenEndsWithTheAnswerUnderTheSummary(bool succeeds)
    {
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var state = new TempDirectory();
        await using var model = await ScriptedOpenAiServer.StartAsync();
        model.Script = request => request.LastMessageIsToolResult
            ? ScriptedModelReply.Text(request.ToolResults[^1].Content.Contains("25", StringComparison.Ordinal) ? "杭州今天晴，25°C。" : "天气服务暂时不可用。")
            : ScriptedModelReply.Call("lookup_weather", """{"city":"杭州"}""");
        var tool = new GatedTool("lookup_weather", succeeds ? "晴，25°C" : null);
        await using var gateway = await GatewayUnderTest.StartWithModelServerAsync(
            emu, state.Path, model.BaseUrl,
            configureConfig: c => c.Agents["default"] = new AgentSettings { Model = "default", Tools = new AgentToolSettings { Allow = ["lookup_weather"] } },
            services: s => s.AddSingleton<IBuiltinTool>(tool));

        await emu.SendDmAsync("杭州天气怎么样？");
        var cardId = await Wire.WaitForCardAsync(emu, 1);
        await tool.Called.WaitAsync(TestWait.DefaultTimeout);
        await Wire.AdvanceUntilStreamedAsync(emu, cardId);
        var whileRunning = await Wire.StreamingAsync(emu, cardId);
        tool.Release();
        var card = await emu.WaitForFinalizedCardAsync(cardId);

        Assert.Equal("> 🔎 正在调用 lookup_weather…", (string?)whileRunning[0].Body["content"]);
        Assert.False((bool)whileRunning[0].Body["isFinalize"]!);
        var expected = succeeds
            ? "> 🔧 已调用工具：lookup_weather ✅\n\n杭州今天晴，25°C。"
            : "> 🔧 已调用工具：lookup_weather ⚠️\n\n天气服务暂时不可用。";
        Assert.Equal(expected, Wire.CardContent(card));
        Assert.Equal("FINISHED", (string?)card["state"]);
        var second = await model.WaitForRequestAsync(2);
        Assert.True(second.LastMessageIsToolResult);
        Assert.Equal(["lookup_weather"], second.ToolNames);
        Assert.Empty(await Wire.MessagesAsync(emu));
    }
}
