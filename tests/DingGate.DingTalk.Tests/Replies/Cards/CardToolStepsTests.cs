using System.Text.Json.Nodes;
using DingGate.Core.Replies;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Replies.Cards;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Replies.Cards;

/// <summary>
/// Tool progress on a card (issue 15 item 5): the agent's ToolCall/ToolDone/ToolFailed statuses become step lines in the
/// card's streaming updates, within its budget; the final card shows the answer under one summary line of the steps.
/// Asserted on the streaming calls the emulator recorded.
/// </summary>
public sealed class CardToolStepsTests
{
    private const string CreatePath = "/v1.0/card/instances/createAndDeliver";
    private const string StreamingPath = "/v1.0/card/streaming";

    [Fact]
    public async Task ToolCallThenDone_StepLineStreamedRunningThenDoneAboveTheAnswer_FinalCardKeepsOneSummaryLine()
    {
        await using var kit = await CardTestKit.StartAsync();
        var message = await kit.InjectAsync("what is the weather in Hangzhou?");
        var sink = kit.Create(message);
        await TestWait.UntilAsync(() => kit.Store.Log.Contains("mark:" + sink.OutTrackId + ":Created"), "the card is created and recorded");

        await sink.WriteAsync(new ReplyStatus(ReplyStatusKind.ToolCall, "weather_lookup"), CancellationToken.None);
        kit.Emu.Time.Advance(CardTestKit.Interval);
        await TestWait.UntilAsync(() => kit.Bodies(StreamingPath).Count == 1, "the running step is streamed");

        await sink.WriteAsync(new ReplyStatus(ReplyStatusKind.ToolDone, "weather_lookup"), CancellationToken.None);
        await sink.WriteAsync(new ReplyTextDelta("杭州今天晴，"), CancellationToken.None);
        kit.Emu.Time.Advance(CardStreamBudget.Gap(CardTestKit.Interval, 1));
        await TestWait.UntilAsync(() => kit.Bodies(StreamingPath).Count == 2, "the finished step and the text are streamed");
        await sink.WriteAsync(new ReplyTextDelta("最高 25°C。"), CancellationToken.None);
        var outcome = await sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var streaming = kit.Bodies(StreamingPath, sink.OutTrackId);
        Assert.Equal(
            [
                "> 🔎 正在调用 weather_lookup…",
                "> ✅ weather_lookup 完成\n\n杭州今天晴，",
                "> 🔧 已调用工具：weather_lookup ✅\n\n杭州今天晴，最高 25°C。",
            ],
            streaming.Select(b => (string?)b["content"]));
        Assert.Equal([false, false, true], streaming.Select(b => (bool)b["isFinalize"]!));
        var card = await kit.CardAsync(sink.OutTrackId);
        Assert.Equal("FINISHED", (string?)card["state"]);
        Assert.Equal("> 🔧 已调用工具：weather_lookup ✅\n\n杭州今天晴，最高 25°C。", (string?)card["publicData"]!["msgContent"]);
        Assert.Equal((ReplyMode.Card, false), (outcome.Mode, outcome.FellBack));
    }

    [Fact]
    public async Task ToolFailed_StepShownFailedAndSummaryMarksIt()
    {
        await using var kit = await CardTestKit.StartAsync();
        var message = await kit.InjectAsync("fetch that page");
        var sink = kit.Create(message);
        await TestWait.UntilAsync(() => kit.Store.Log.Contains("mark:" + sink.OutTrackId + ":Created"), "the card is created and recorded");

        await sink.WriteAsync(new ReplyStatus(ReplyStatusKind.ToolCall, "fetch_url"), CancellationToken.None);
        await sink.WriteAsync(new ReplyStatus(ReplyStatusKind.ToolFailed, "fetch_url"), CancellationToken.None);
        kit.Emu.Time.Advance(CardTestKit.Interval);
        await TestWait.UntilAsync(() => kit.Bodies(StreamingPath).Count == 1, "the failed step is streamed");
        await sink.WriteAsync(new ReplyTextDelta("The page could not be fetched."), CancellationToken.None);
        await sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var streaming = kit.Bodies(StreamingPath, sink.OutTrackId);
        // Call and failure came within one interval: coalesced into one update showing the failure.
        Assert.Equal("> ⚠️ fetch_url 失败", (string?)streaming[0]["content"]);
        Assert.Equal("> 🔧 已调用工具：fetch_url ⚠️\n\nThe page could not be fetched.", (string?)streaming[^1]["content"]);
    }

    [Fact]
    public async Task ManyToolCallsAndLongAnswer_StepsAddNoCallsBeyondTheBudget()
    {
        const int maxUpdates = 3;
        await using var kit = await CardTestKit.StartAsync(customize: a => a with { CardMaxUpdates = maxUpdates });
        var message = await kit.InjectAsync("research this");
        var sink = kit.Create(message);
        await TestWait.UntilAsync(() => kit.Store.Log.Contains("mark:" + sink.OutTrackId + ":Created"), "the card is created and recorded");

        // 10 s of work: a tool call and its result every 500 ms, text in between, each write its own clock step.
        for (var i = 0; i < 20; i++)
        {
            var tool = i % 2 == 0 ? "search" : "fetch_url";
            await sink.WriteAsync(new ReplyStatus(ReplyStatusKind.ToolCall, tool), CancellationToken.None);
            kit.Emu.Time.Advance(CardTestKit.Step);
            await kit.SettleAsync();
            await sink.WriteAsync(new ReplyStatus(i == 7 ? ReplyStatusKind.ToolFailed : ReplyStatusKind.ToolDone, tool), CancellationToken.None);
            kit.Emu.Time.Advance(CardTestKit.Step);
            await kit.SettleAsync();
            await sink.WriteAsync(new ReplyTextDelta($"finding {i}. "), CancellationToken.None);
            kit.Emu.Time.Advance(CardTestKit.Step * 3);
            await kit.SettleAsync();
        }

        var outcome = await sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var bodies = kit.Bodies(StreamingPath, sink.OutTrackId);
        var intermediate = bodies.Count(b => !(bool)b["isFinalize"]!);
        Assert.Equal(maxUpdates, intermediate);
        Assert.All(bodies.Take(intermediate), b => Assert.Contains("> ", (string?)b["content"], StringComparison.Ordinal));
        Assert.Contains(bodies.Take(intermediate), b => ((string?)b["content"])!.Contains("🔎 正在调用 search…", StringComparison.Ordinal)
            || ((string?)b["content"])!.Contains("✅ search 完成", StringComparison.Ordinal));
        // create, INPUTING, the budgeted updates, the final update, FINISHED: the steps cost nothing extra.
        Assert.Equal(maxUpdates + 4, kit.Steps(sink.OutTrackId).Count);
        Assert.Equal(maxUpdates + 4, outcome.ApiCalls.Values.Sum());
        Assert.Equal(maxUpdates + 1, outcome.ApiCalls[ApiCallKinds.CardStreaming]);
        var final = (string?)bodies[^1]["content"];
        Assert.StartsWith("> 🔧 已调用工具：search ✅×10、fetch_url ✅×9、fetch_url ⚠️\n\nfinding 0. ", final, StringComparison.Ordinal);
        Assert.EndsWith("finding 19. ", final, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepsBeyondTheShownLimit_OlderOnesCountedInOneLine()
    {
        await using var kit = await CardTestKit.StartAsync();
        var message = await kit.InjectAsync("do many things");
        var sink = kit.Create(message);
        await TestWait.UntilAsync(() => kit.Store.Log.Contains("mark:" + sink.OutTrackId + ":Created"), "the card is created and recorded");

        for (var i = 1; i <= 8; i++)
        {
            await sink.WriteAsync(new ReplyStatus(ReplyStatusKind.ToolCall, "step" + i), CancellationToken.None);
            if (i < 8)
            {
                await sink.WriteAsync(new ReplyStatus(ReplyStatusKind.ToolDone, "step" + i), CancellationToken.None);
            }
        }

        kit.Emu.Time.Advance(CardTestKit.Interval);
        await TestWait.UntilAsync(() => kit.Bodies(StreamingPath).Count == 1, "the steps are streamed");
        await sink.CompleteAsync(ReplyEnd.Stopped, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var bodies = kit.Bodies(StreamingPath, sink.OutTrackId);
        Assert.Equal(
            "> …（之前还有 2 个步骤）  \n> ✅ step3 完成  \n> ✅ step4 完成  \n> ✅ step5 完成  \n> ✅ step6 完成  \n> ✅ step7 完成  \n> 🔎 正在调用 step8…",
            (string?)bodies[0]["content"]);
        // The call still running when the answer was stopped is marked ⏹ in the summary.
        Assert.StartsWith("> 🔧 已调用工具：step1 ✅、step2 ✅、", (string?)bodies[^1]["content"], StringComparison.Ordinal);
        Assert.Contains("step7 ✅、step8 ⏹\n\n> ⏹ 已停止生成", (string?)bodies[^1]["content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardCreateRefused_MarkdownFallbackCarriesTheAnswerWithoutAnyStepLine()
    {
        await using var kit = await CardTestKit.StartAsync();
        await kit.AddFaultAsync(new { path = CreatePath, kind = "Status", status = 400, count = 99 });
        var message = await kit.InjectAsync("question");
        var sink = kit.Create(message);
        await TestWait.UntilAsync(() => kit.Emu.Calls(CreatePath).Count == 1, "the create is tried");

        await sink.WriteAsync(new ReplyStatus(ReplyStatusKind.ToolCall, "search"), CancellationToken.None);
        await sink.WriteAsync(new ReplyStatus(ReplyStatusKind.ToolDone, "search"), CancellationToken.None);
        await sink.WriteAsync(new ReplyTextDelta("The answer after searching."), CancellationToken.None);
        var outcome = await kit.DriveAsync(sink.CompleteAsync(ReplyEnd.Finished, null, CancellationToken.None));

        Assert.Equal((ReplyMode.Markdown, true), (outcome.Mode, outcome.FellBack));
        var sent = kit.Emu.Calls("/robot/sendBySession").Concat(kit.Emu.Calls("/v1.0/robot/oToMessages/batchSend"))
            .Select(c => JsonNode.Parse(c.RequestBody)!.ToJsonString()).ToList();
        var only = Assert.Single(sent);
        Assert.Contains("The answer after searching.", only, StringComparison.Ordinal);
        Assert.DoesNotContain("search 完成", only, StringComparison.Ordinal);
        Assert.DoesNotContain("已调用工具", only, StringComparison.Ordinal);
    }
}
