using DingGate.Cli.Tests.EndToEnd;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Inbound;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using static DingGate.Cli.Tests.Replicas.ReplicaGateways;

namespace DingGate.Cli.Tests.Replicas;

/// <summary>
/// Two gateway replicas (real hosts, each with its own state directory and <c>gateway.replicaId</c>) on one real
/// PostgreSQL database and one emulator app, on the emulator's fake clock: what a dead replica left is answered once
/// by the other after the lease ran out, a starting replica leaves a live one's work alone, one user's turns keep their
/// order and history across replicas, and a scheduled job fires once. Asserted on the emulator's recorded traffic.
/// </summary>
public sealed class ReplicaTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task ReplicaDiesHoldingAckedUnansweredMessages_TheOtherAnswersEachExactlyOnceAfterTheLeaseRanOut()
    {
        var database = server.CreateDatabase();
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var stateA = new TempDirectory();
        using var stateB = new TempDirectory();
        var never = new TaskCompletionSource();
        var modelA = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, never.Task) };
        var modelB = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "B答:" + call.UserText) };
        var a = await StartAsync(emu, stateA.Path, modelA, database, "replica-a");
        string[] users = ["user001", "user002", "user003"];
        foreach (var user in users)
        {
            await emu.SendDmAsync("问题 " + user, from: user);
        }

        await modelA.WaitForCallAsync(users.Length);
        await a.KillAsync();
        await emu.WaitForConnectionGoneAsync(a.ConnectionId);
        await using var b = await StartAsync(emu, stateB.Path, modelB, database, "replica-b");
        Assert.Empty(modelB.Calls); // A's leases have not run out yet: B's start leaves them alone
        await emu.SendDmAsync("追问 user001", from: "user001"); // to B, while user001's first message is still A's
        await TestWait.UntilAsync(async () => await JournaledAsync(database) == 4, "B journaled (and ACKed) the follow-up");

        await AdvanceUntilAsync(emu, async () => (await Wire.MessagesAsync(emu)).Count >= 4, "B answered A's messages");
        await SettleAsync(emu);

        var texts = (await Wire.MessagesAsync(emu)).Select(c => Wire.WebhookText(c.Body)).ToList();
        string[] expected = ["B答:问题 user001", "B答:问题 user002", "B答:问题 user003", "B答:追问 user001"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), texts.Order(StringComparer.Ordinal));
        Assert.True(texts.IndexOf("B答:问题 user001") < texts.IndexOf("B答:追问 user001"), "user001's answers in the order asked");
        Assert.Equal(4, modelB.Calls.Count);
        var followUp = modelB.Calls.Single(c => c.UserText == "追问 user001");
        Assert.Equal(["问题 user001", "B答:问题 user001"], followUp.History.Select(m => m.Text));
        Assert.Equal([("replica-b", 2L, 4L)], await JournalOwnersAsync(database));
    }

    [Fact]
    public async Task ReplicaDiesWithTwoMessagesOfOneConversation_TheOtherAnswersBothInOrder_TheSecondWithTheFirstInItsHistory()
    {
        var database = server.CreateDatabase();
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var stateA = new TempDirectory();
        using var stateB = new TempDirectory();
        var stuck = new StuckInboundHandler();
        var modelB = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "B答:" + call.UserText) };
        var a = await StartAsync(emu, stateA.Path, new ScriptedChatClient(), database, "replica-a", services: s =>
        {
            s.RemoveAll<IInboundHandler>();
            s.AddSingleton<IInboundHandler>(stuck);
        });
        await emu.SendDmAsync("第一问", from: "user001");
        await emu.SendDmAsync("第二问", from: "user001");
        await emu.SendDmAsync("别人的问题", from: "user002");
        await TestWait.UntilAsync(async () => stuck.Handed == 2 && await JournaledAsync(database) == 3, "A took all three, two handed over");
        await a.KillAsync();
        await using var b = await StartAsync(emu, stateB.Path, modelB, database, "replica-b");

        await AdvanceUntilAsync(emu, async () => (await Wire.MessagesAsync(emu)).Count >= 3, "B answered A's messages");
        await SettleAsync(emu);

        var texts = (await Wire.MessagesAsync(emu)).Select(c => Wire.WebhookText(c.Body)).ToList();
        Assert.Equal(["B答:别人的问题", "B答:第一问", "B答:第二问"], texts.Order(StringComparer.Ordinal));
        Assert.True(texts.IndexOf("B答:第一问") < texts.IndexOf("B答:第二问"), "user001's answers in the order asked");
        Assert.Equal(["第一问", "B答:第一问"], modelB.Calls.Single(c => c.UserText == "第二问").History.Select(m => m.Text));
        Assert.Equal([("replica-b", 2L, 3L)], await JournalOwnersAsync(database));
    }

    [Fact]
    public async Task ReplicaStartsWhileAnotherStreamsACard_NeitherEndsItsCardNorAnswersItsMessage()
    {
        var database = server.CreateDatabase();
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var stateA = new TempDirectory();
        using var stateB = new TempDirectory();
        var release = new TaskCompletionSource();
        var modelA = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "A 的前半段", release.Task, "，A 的后半段") };
        var modelB = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "B 不该回答") };
        await using var a = await StartAsync(emu, stateA.Path, modelA, database, "replica-a", card: true);
        await emu.SendDmAsync("慢慢回答");
        await modelA.WaitForCallAsync(1);
        var card = await Wire.WaitForCardAsync(emu, 1);
        await Wire.AdvanceUntilStreamedAsync(emu, card);

        await using var b = await StartAsync(emu, stateB.Path, modelB, database, "replica-b", card: true);
        emu.Time!.Advance(TimeSpan.FromSeconds(1)); // less than A's lease, which A renews meanwhile
        await SettleAsync(emu);
        var whileStreaming = await emu.CardAsync(card);
        release.SetResult();
        var finalized = await emu.WaitForFinalizedCardAsync(card);

        Assert.DoesNotContain("中断", Wire.CardContent(whileStreaming), StringComparison.Ordinal);
        Assert.Equal("A 的前半段，A 的后半段", Wire.CardContent(finalized));
        Assert.Empty(modelB.Calls);
        Assert.Equal([card], await emu.CardIdsAsync());
        Assert.Empty(await Wire.MessagesAsync(emu));
    }

    [Fact]
    public async Task OneUsersTwoMessagesOnTwoReplicas_AnsweredInOrder_SecondTurnSeesTheFirst()
    {
        var database = server.CreateDatabase();
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var stateA = new TempDirectory();
        using var stateB = new TempDirectory();
        var release = new TaskCompletionSource();
        var modelA = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, release.Task, "暗号记住了") };
        var modelB = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "暗号是蓝鲸") };
        await using var a = await StartAsync(emu, stateA.Path, modelA, database, "replica-a", leaseSeconds: 30);
        await emu.SendDmAsync("记住：暗号是蓝鲸");
        await modelA.WaitForCallAsync(1);
        await using var b = await StartAsync(emu, stateB.Path, modelB, database, "replica-b", leaseSeconds: 30);
        // A's link goes down (it reconnects only when the fake clock moves on): the next push can only go to B.
        await emu.SendAsync(HttpMethod.Post, "/_emulator/connections/drop", new { connectionId = a.ConnectionId });
        await emu.WaitForConnectionGoneAsync(a.ConnectionId);
        await emu.SendDmAsync("暗号是什么？");
        await TestWait.UntilAsync(async () => await JournaledAsync(database) == 2, "B journaled the second message");
        for (var i = 0; i < 3; i++)
        {
            emu.Time!.Advance(TimeSpan.FromSeconds(1));
            await SettleAsync(emu);
        }

        var modelBCallsBeforeTheFirstAnswer = modelB.Calls.Count;
        release.SetResult();
        await AdvanceUntilAsync(emu, async () => (await Wire.MessagesAsync(emu)).Count == 2, "both answers", step: TimeSpan.FromSeconds(1));

        Assert.Equal(0, modelBCallsBeforeTheFirstAnswer);
        var second = Assert.Single(modelB.Calls);
        Assert.Equal(["记住：暗号是蓝鲸", "暗号记住了"], second.History.Select(m => m.Text));
        Assert.Equal(["暗号记住了", "暗号是蓝鲸"], (await Wire.MessagesAsync(emu)).Select(c => Wire.WebhookText(c.Body)));
    }

    [Fact]
    public async Task ScheduledJobWithTwoReplicas_FiresOnce()
    {
        var database = server.CreateDatabase();
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var stateA = new TempDirectory();
        using var stateB = new TempDirectory();
        await using var a = await StartAsync(emu, stateA.Path, new ScriptedChatClient(), database, "replica-a");
        await using var b = await StartAsync(emu, stateB.Path, new ScriptedChatClient(), database, "replica-b");
        await ScheduledJobTests.CreateAsync(a, text: "该喝水了", delayMinutes: 2);

        await AdvanceUntilAsync(emu, async () => (await ScheduledJobTests.ProactiveAsync(emu, "该喝水了")).Count >= 1, "the job fired", TimeSpan.FromSeconds(10));
        // A later job as a barrier: once it fired, both schedulers went past the first job's occurrence.
        await ScheduledJobTests.CreateAsync(b, text: "第二个提醒", delayMinutes: 3);
        await AdvanceUntilAsync(emu, async () => (await ScheduledJobTests.ProactiveAsync(emu, "第二个提醒")).Count >= 1, "the barrier job fired", TimeSpan.FromSeconds(10));
        await SettleAsync(emu);

        Assert.Single(await ScheduledJobTests.ProactiveAsync(emu, "该喝水了"));
        Assert.Single(await ScheduledJobTests.ProactiveAsync(emu, "第二个提醒"));
    }

    private static async Task<long> JournaledAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM inbound_journal", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<IReadOnlyList<(string Owner, long State, long Count)>> JournalOwnersAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT lease_owner, state, COUNT(*) FROM inbound_journal GROUP BY lease_owner, state ORDER BY 1, 2", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return rows;
    }
}
