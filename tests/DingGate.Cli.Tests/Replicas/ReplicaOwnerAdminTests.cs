using System.Text.Json.Nodes;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.Core.Storage;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Tests.Replicas;

/// <summary>
/// Owner admin's start recovery with two replicas on one real PostgreSQL database (issue 17): a starting replica sends
/// the owners' notices and finishes the decisions that it or a replica no longer live left, and leaves alone what a
/// live replica is doing (a notice it is sending, a decision it is showing). Asserted on the emulator's recorded cards
/// and 1:1 texts.
/// </summary>
public sealed class ReplicaOwnerAdminTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>
{
    private const string Template = "0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b.schema";
    private const string CardCreate = "/v1.0/card/instances/createAndDeliver";
    private const string BatchSend = "/v1.0/robot/oToMessages/batchSend";
    private const string Account = DingTalkChannelSettings.DefaultAccountId;

    [Fact]
    public async Task ReplicaStarts_RecoversOnlyWhatItOrADeadReplicaLeft_NotWhatALiveReplicaIsDoing()
    {
        var database = server.CreateDatabase();
        await using var emu = await EmulatorUnderTest.StartAsync();
        await emu.SendAsync(HttpMethod.Post, "/_emulator/cards/templates", new { templateId = Template, variables = new[] { "title", "content", "status", "code", "decided" } });
        using var stateA = new TempDirectory();
        using var stateB = new TempDirectory();
        await using var a = await StartAsync(emu, stateA.Path, database, "replica-a");

        // What replica A is doing right now (it started before these rows existed), and what a replica that died left.
        var now = emu.Time!.GetUtcNow();
        var pairings = a.Services.GetRequiredService<IPairingStore>();
        var approvals = a.Services.GetRequiredService<IOwnerApprovalStore>();
        await AddPendingAsync(pairings, approvals, "LIVEAAAA", "user003", now, "replica-a");
        await AddPendingAsync(pairings, approvals, "DEADBBBB", "user004", now.AddSeconds(1), "replica-gone");
        await AddDecidedAsync(approvals, "LIVECCCC", "user005", now, "replica-a");
        await AddDecidedAsync(approvals, "DEADDDDD", "user006", now.AddSeconds(1), "replica-gone");

        await using var b = await StartAsync(emu, stateB.Path, database, "replica-b");

        // B's start went through both lists (oldest first): the dead replica's rows, which come last, are done.
        await TestWait.UntilAsync(async () => (await CardCodesAsync(emu)).Contains("DEADBBBB"), "the dead replica's notice sent");
        await TestWait.UntilAsync(async () => (await TextsToAsync(emu, "user006")).Count == 1, "the dead replica's decision shown");
        await Task.Delay(200);

        Assert.Equal(["DEADBBBB"], await CardCodesAsync(emu));
        Assert.Empty(await TextsToAsync(emu, "user005"));
        Assert.Equal("replica-b", (await approvals.FindAsync(Account, "DEADBBBB", CancellationToken.None))!.WorkedBy);
        Assert.Equal("replica-b", (await approvals.FindAsync(Account, "DEADDDDD", CancellationToken.None))!.WorkedBy);
        Assert.Null((await approvals.FindAsync(Account, "LIVEAAAA", CancellationToken.None))!.NotifiedAt);
        Assert.Null((await approvals.FindAsync(Account, "LIVECCCC", CancellationToken.None))!.RequesterToldAt);
    }

    private static async Task AddPendingAsync(IPairingStore pairings, IOwnerApprovalStore approvals, string code, string user, DateTimeOffset at, string worker)
    {
        await pairings.AddPendingAsync(new PairingRequest(Account, code, user, user, "cid-" + user, at, at.AddHours(1)), CancellationToken.None);
        await approvals.AddAsync(Approval(code, user, at, worker), CancellationToken.None);
    }

    private static async Task AddDecidedAsync(IOwnerApprovalStore approvals, string code, string user, DateTimeOffset at, string worker)
    {
        await approvals.AddAsync(Approval(code, user, at, null), CancellationToken.None);
        await approvals.MarkNotifiedAsync(Account, code, "text", at, CancellationToken.None);
        Assert.True(await approvals.TryDecideAsync(Account, code, OwnerDecision.Approved, "user001", at, worker, CancellationToken.None));
    }

    private static OwnerApproval Approval(string code, string user, DateTimeOffset at, string? worker) => new()
    {
        AccountId = Account, Code = code, OutTrackId = "pairing_" + code, UserId = user, Nick = user, CreatedAt = at, ExpiresAt = at.AddHours(1),
        WorkedBy = worker,
    };

    private static Task<GatewayUnderTest> StartAsync(EmulatorUnderTest emu, string state, string database, string replicaId) =>
        GatewayUnderTest.StartAsync(
            emu,
            state,
            new ScriptedChatClient(),
            s =>
            {
                s.MessageType = "markdown";
                s.ThinkingIndicator = "off";
                s.DmPolicy = DmPolicy.Pairing;
                s.Owners = ["user001", "user002"];
                s.OwnerCardTemplateId = Template;
            },
            configureConfig: c =>
            {
                c.Storage = new StorageSettings { Provider = StorageProvider.Postgres, ConnectionString = database };
                c.Gateway.ReplicaId = replicaId;
                c.Gateway.LeaseSeconds = 30;
            });

    private static async Task<IReadOnlyList<string>> CardCodesAsync(EmulatorUnderTest emu) =>
        [.. (await emu.CallsAsync(CardCreate)).Select(c => (string)c.Body["cardData"]!["cardParamMap"]!["code"]!)];

    private static async Task<IReadOnlyList<string>> TextsToAsync(EmulatorUnderTest emu, string userId) =>
        [.. (await emu.CallsAsync(BatchSend))
            .Where(c => c.Body["userIds"]!.AsArray().Any(u => (string?)u == userId))
            .Select(c => (string)JsonNode.Parse((string)c.Body["msgParam"]!)!["content"]!)];
}
