using DingGate.Cli.Tests.EndToEnd;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.DingTalk.Tests.Support;
using Npgsql;

namespace DingGate.Cli.Tests.Replicas;

/// <summary>
/// The AI card's stop button across replicas (issue 17): two gateway replicas on one real PostgreSQL database and one
/// emulator app whose pushes (the card callbacks too) go round robin over their two connections, so a click lands on
/// the replica that is not streaming the card. It hands the click to the other replicas (a <c>card:…</c> stop request
/// and its NOTIFY); the streaming replica stops the reply exactly as a local click does, and only for the user who
/// asked. Asserted on the emulator's recorded card and on the stop requests' rows.
/// </summary>
public sealed class ReplicaCardStopTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>
{
    private const string CardStopped = "第一段，\n\n> ⏹ 已停止生成";

    [Fact]
    public async Task StopClickLandsOnTheOtherReplica_TheCardIsStoppedAsLocally_AndAnotherUsersClickIsRefused()
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

        await emu.SendDmAsync("讲一个很长的故事"); // user001, to one connection
        await TestWait.UntilAsync(() => modelA.Calls.Count + modelB.Calls.Count == 1, "one replica's model called");
        var (running, runningId, idle) = modelA.Calls.Count == 1 ? (modelA, "replica-a", modelB) : (modelB, "replica-b", modelA);
        var call = running.Calls[0];
        var cardId = await Wire.WaitForCardAsync(emu, 1);
        await Wire.AdvanceUntilStreamedAsync(emu, cardId);

        // From here on the clock stands still: the clicks reach the streaming replica by their signal, not by a poll.
        // Round robin: another user's click on the idle replica (handed over, refused there), then on the streaming one
        // (refused locally), then the asker's click on the idle replica again (handed over, honoured).
        await ClickAsync(emu, cardId, "user002");
        await ClickAsync(emu, cardId, "user002");
        await ClickAsync(emu, cardId, "user001");
        await call.Cancelled.WaitAsync(TestWait.DefaultTimeout);
        var card = await emu.WaitForFinalizedCardAsync(cardId);
        await call.Ended.WaitAsync(TestWait.DefaultTimeout);

        Assert.Equal("FINISHED", (string?)card["state"]);
        Assert.Equal(CardStopped, Wire.CardContent(card));
        Assert.Single(await emu.CardIdsAsync()); // no acknowledgement card: a click is answered by the card itself
        Assert.Empty(await Wire.MessagesAsync(emu));
        Assert.Single(running.Calls);
        Assert.Empty(idle.Calls);
        var otherRequester = runningId == "replica-a" ? "replica-b" : "replica-a";
        Assert.Equal(1L, await CountAsync(database, $"SELECT COUNT(*) FROM stop_requests WHERE session_key = 'card:{cardId}:user002' AND requested_by = '{otherRequester}' AND honoured_by IS NULL"));
        Assert.Equal(1L, await CountAsync(database, $"SELECT COUNT(*) FROM stop_requests WHERE session_key = 'card:{cardId}:user001' AND requested_by = '{otherRequester}' AND honoured_by = '{runningId}'"));
        Assert.Equal(2L, await CountAsync(database, "SELECT COUNT(*) FROM stop_requests"));
    }

    private static async Task ClickAsync(EmulatorUnderTest emu, string outTrackId, string userId)
    {
        var answer = (await emu.SendAsync(HttpMethod.Post, $"/_emulator/cards/{outTrackId}/click", new { userId, actionIds = new[] { "btn_stop" }, @params = new { action = "stop" } }))!;
        Assert.Equal(200, (int?)answer["ackCode"]);
    }

    private static Task<GatewayUnderTest> StartAsync(EmulatorUnderTest emu, string state, ScriptedChatClient model, string database, string replicaId) =>
        GatewayUnderTest.StartAsync(
            emu,
            state,
            model,
            s => { s.MessageType = "card"; s.ThinkingIndicator = "off"; },
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
