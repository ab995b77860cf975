using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.DingTalk.Policies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.DingTalk.Tests.Support;

/// <summary>An <see cref="AccessPolicy"/> over an in-memory pairing store and a fake clock, plus message and account builders.</summary>
internal sealed class PolicyTestKit : IDisposable
{
    public const string AccountId = "acct1";

    public PolicyTestKit(Func<int, int>? codeSource = null)
    {
        Pairing = new PairingService(Store, codeSource is null ? new PairingCodeGenerator() : new PairingCodeGenerator(codeSource), NullLogger<PairingService>.Instance);
        Policy = new AccessPolicy(Store, Pairing, Time, NullLogger<AccessPolicy>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    public InMemoryPairingStore Store { get; } = new();

    public PairingService Pairing { get; }

    public AccessPolicy Policy { get; }

    public static DingTalkAccount Account(
        DmPolicy dm = DmPolicy.Open, GroupPolicy group = GroupPolicy.Open, IReadOnlyList<string>? allowFrom = null,
        IReadOnlyDictionary<string, DingTalkGroupSettings>? groups = null) => new()
        {
            Id = AccountId, ClientId = "dingapp", ClientSecret = "secret", RobotCode = "dingapp", DmPolicy = dm, GroupPolicy = group,
            AllowFrom = allowFrom ?? [], Groups = groups ?? new Dictionary<string, DingTalkGroupSettings>(),
        };

    public static InboundMessage Direct(string? staffId, string senderId = "$:LWCP_v1:$sender") => Message(ConversationKind.Direct, "cidDirect==", staffId, senderId);

    public static InboundMessage Group(string cid, string? staffId, string senderId = "$:LWCP_v1:$sender") => Message(ConversationKind.Group, cid, staffId, senderId);

    public Task<PolicyDecision> DecideAsync(DingTalkAccount account, InboundMessage message) => Policy.DecideAsync(account, message, CancellationToken.None);

    public void Dispose() => Pairing.Dispose();

    private static InboundMessage Message(ConversationKind kind, string cid, string? staffId, string senderId) => new()
    {
        AccountId = AccountId, MessageId = "msg" + Guid.NewGuid().ToString("N"), ConversationId = cid, Conversation = kind,
        Sender = new InboundSender(senderId + (staffId ?? "ext"), staffId, "Nick " + staffId, "corp", false), Kind = InboundContentKind.Text,
        Text = "hi", CreatedAt = DateTimeOffset.UnixEpoch,
    };
}
