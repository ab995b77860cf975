using DingGate.Cli.Tests.EndToEnd;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.DingTalk.Tests.Support;
using Npgsql;

namespace DingGate.Cli.Tests.Replicas;

/// <summary>
/// <c>/stop</c> across replicas (issue 17): two gateway replicas on one real PostgreSQL database and one emulator app
/// whose pushes go round robin over their two connections, so the stop lands on the replica that is not answering. The
/// running replica hears it (LISTEN/NOTIFY) and stops its turn exactly as a local stop does; the user reads one
/// acknowledgement. Asserted on the emulator's recorded cards and messages and on the journal's owners.
/// </summary>
public sealed class ReplicaStopTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>
{
    private const string Stopped = "⏹️ 已停止当前回答。";
    private const string CardStopped = "第一段，\n\n> ⏹ 已停止生成";

    [Theory]
    [InlineData("/stop")]
    [InlineData("停止")]
    public async Task StopLandsOnTheOtherReplica_TheRunningTurnIsStoppedAsLocally_AndAcknowledgedOnce(string stop)
    {
        var database = server.CreateDatabase();
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var stateA = new TempDirectory();
        using var stateB = new TempDirectory();
        var never = new TaskCompletionSource();
        var modelA = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "第一段，", never.Task, "永远不会出现") };
        var modelB = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "第一段，", never.Task, "永远不会出现") };
        await using var a = await StartAsync(emu, stateA.Path, modelA, database, "replica-a");
        await using var b = await StartAsync(emu, stateB.Path, modelB, database, "replica-b");
        await emu.SendAsync(HttpMethod.Patch, "/_emulator/settings", new { streamSpread = "roundRobin" });

        await emu.SendDmAsync("讲一个很长的故事");
        await TestWait.UntilAsync(() => modelA.Calls.Count + modelB.Calls.Count == 1, "one replica's model called");
        var (running, runningId, idle) = modelA.Calls.Count == 1 ? (modelA, "replica-a", modelB) : (modelB, "replica-b", modelA);
        var call = running.Calls[0];
        var cardId = await Wire.WaitForCardAsync(emu, 1);
        await Wire.AdvanceUntilStreamedAsync(emu, cardId);

        // From here on the clock stands still: the stop reaches the other replica by its signal, not by a poll.
        await emu.SendDmAsync(stop);
        await call.Cancelled.WaitAsync(TestWait.DefaultTimeout);
        var card = await emu.WaitForFinalizedCardAsync(cardId);
        var stopCard = await emu.WaitForFinalizedCardAsync(await Wire.WaitForCardAsync(emu, 2));
        await call.Ended.WaitAsync(TestWait.DefaultTimeout);

        Assert.Equal(2L, await CountAsync(database, "SELECT COUNT(DISTINCT lease_owner) FROM inbound_journal")); // the stop went to the other replica
        Assert.Equal("FINISHED", (string?)card["state"]);
        Assert.Equal(CardStopped, Wire.CardContent(card));
        Assert.Equal(Stopped, Wire.CardContent(stopCard));
        Assert.Equal(2, (await emu.CardIdsAsync()).Count); // the answer's card and one acknowledgement
        Assert.Empty(await Wire.MessagesAsync(emu));
        Assert.Single(running.Calls);
        Assert.Empty(idle.Calls);
        Assert.Equal(1L, await CountAsync(database, $"SELECT COUNT(*) FROM stop_requests WHERE honoured_by = '{runningId}'"));
    }

    [Fact]
    public async Task StopOnTheOtherReplicaWithNothingRunning_AnswersNothingRunning_AndALaterTurnIsNotStopped()
    {
        var database = server.CreateDatabase();
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var stateA = new TempDirectory();
        using var stateB = new TempDirectory();
        var release = new TaskCompletionSource();
        var modelA = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "A:", release.Task, call.UserText) };
        var modelB = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "B:", release.Task, call.UserText) };
        await using var a = await StartAsync(emu, stateA.Path, modelA, database, "replica-a", card: false);
        await using var b = await StartAsync(emu, stateB.Path, modelB, database, "replica-b", card: false);
        await emu.SendAsync(HttpMethod.Patch, "/_emulator/settings", new { streamSpread = "roundRobin" });

        await emu.SendDmAsync("/stop");
        // Nobody runs a turn: the receiving replica waits out its request on the clock, then answers.
        for (var i = 0; i < 600 && (await Wire.MessagesAsync(emu)).Count == 0; i++)
        {
            emu.Time!.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(25);
        }

        var nothing = Wire.WebhookText(Assert.Single(await Wire.MessagesAsync(emu)).Body);
        // The stop's journal entry closed: the next message's replica does not wait for it (on a clock that stands still).
        await TestWait.UntilAsync(async () => await CountAsync(database, "SELECT COUNT(*) FROM inbound_journal WHERE state IN (0, 1)") == 0, "the stop's entry answered");
        await emu.SendDmAsync("一个新问题");
        await TestWait.UntilAsync(() => modelA.Calls.Count + modelB.Calls.Count == 1, "the new question's turn started");
        emu.Time!.Advance(TimeSpan.FromSeconds(2)); // a poll of the open requests on both replicas
        await Task.Delay(200);
        release.SetResult();
        await TestWait.UntilAsync(async () => (await Wire.MessagesAsync(emu)).Count == 2, "the new question answered");

        Assert.Contains("没有正在进行的回答", nothing, StringComparison.Ordinal);
        var answer = Wire.WebhookText((await Wire.MessagesAsync(emu))[1].Body);
        Assert.EndsWith("一个新问题", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("停止", answer, StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync(database, "SELECT COUNT(*) FROM stop_requests")); // withdrawn, not left to expire
    }

    private static Task<GatewayUnderTest> StartAsync(EmulatorUnderTest emu, string state, ScriptedChatClient model, string database, string replicaId, bool card = true) =>
        GatewayUnderTest.StartAsync(
            emu,
            state,
            model,
            s => { s.MessageType = card ? "card" : "markdown"; s.ThinkingIndicator = "off"; },
            configureConfig: c =>
            {
                c.Storage = new StorageSettings { Provider = StorageProvider.Postgres, ConnectionString = database };
                c.Gateway.ReplicaId = replicaId;
                c.Gateway.LeaseSeconds = 30;
            });

    private static async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
