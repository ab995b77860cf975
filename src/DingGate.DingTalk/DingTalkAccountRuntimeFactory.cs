using DingGate.Core.Configuration;
using DingGate.Core.Coordination;
using DingGate.Core.Inbound;
using DingGate.Core.Storage;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Cluster;
using DingGate.DingTalk.Inbound;
using DingGate.DingTalk.Policies;
using DingGate.DingTalk.Policies.Owners;
using DingGate.DingTalk.Quota;
using DingGate.DingTalk.Replies;
using DingGate.DingTalk.Replies.Media;
using DingGate.DingTalk.Replies.Outbox;
using DingGate.DingTalk.Replies.Proactive;
using DingGate.DingTalk.Replies.Cards;
using DingGate.DingTalk.Replies.Sending;
using DingGate.DingTalk.Replies.Thinking;
using DingGate.DingTalk.Stream;
using DingGate.DingTalk.Stream.Registration;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk;

/// <summary>
/// Builds the per-account parts (nothing is shared between accounts but the stores, the clock, telemetry and the per-IP
/// guard of DingTalk calls).
/// </summary>
internal sealed class DingTalkAccountRuntimeFactory(
    DingTalkChannelOptions options,
    InboundMessageParser parser,
    AccessPolicy policy,
    PairingService pairing,
    IDedupStore dedup,
    IInboundJournal journal,
    IOpenCardStore openCards,
    IShownIndicatorStore shownIndicators,
    IReplyOutbox outbox,
    IInboundHandler handler,
    DingTalkTelemetry telemetry,
    ApiIpGuard ipGuard,
    TimeProvider time,
    QuotaGovernor? quota = null,
    IPairingStore? pairings = null,
    IOwnerApprovalStore? ownerApprovals = null,
    ISharedRateWindows? sharedWindows = null,
    Core.Cluster.IReplicaRegistry? replicas = null,
    Core.Cluster.IStopRequests? stopRequests = null)
{
    private ReplicaLeases? _leases;
    private HeldTurns? _held;
    private RemoteCardStops? _cardStops;

    /// <summary>
    /// Builds one account's parts. <paramref name="statuses"/>: every account's link state, for the owners'
    /// <c>/gateway</c> (the channel passes its own).
    /// </summary>
    public DingTalkAccountRuntime Create(DingTalkAccount account, Func<IReadOnlyList<StreamStatus>>? statuses = null)
    {
        var loggers = telemetry.Loggers;
        var leases = Leases;
        var live = new LiveAccount(account);
        var http = new HttpClient(DingTalkApiClient.CreateHandler()) { Timeout = options.HttpTimeout };
        var api = new DingTalkApiClient(account, http, time, loggers.CreateLogger<DingTalkApiClient>(), telemetry.Api, ipGuard: ipGuard, quota: quota, sharedWindows: sharedWindows);
        var cards = new ActiveCardRegistry();
        var cardStops = CardStops;
        cardStops?.Attach(account.Id, cards);
        var stream = new StreamClient(
            account, new ApiStreamRegistrar(api), journal, options.Stream, time, loggers.CreateLogger<StreamClient>(), telemetry.Stream,
            new CardStopCallbackResponder(account.Id, cards, loggers.CreateLogger<CardStopCallbackResponder>(), cardStops), leases);
        var preparer = new InboundPreparer(account, parser, new MediaDownloader(api, loggers.CreateLogger<MediaDownloader>()),
            Inbound.MediaFolders.Root(options.StateDirectory), loggers.CreateLogger<InboundPreparer>(), new RecentInboundMedia(time));
        var robot = new RobotMessageSender(account, api);
        var wakeup = new OutboxWakeup();
        var replier = new ConversationReplier(account, api, robot, outbox, wakeup, telemetry.Replies, time, loggers.CreateLogger<ConversationReplier>(), live, leases);
        var delivery = new OutboxDeliveryWorker(account, outbox, replier, wakeup, telemetry.Replies, time, loggers.CreateLogger<OutboxDeliveryWorker>(), leases);
        var (uploader, media) = (new MediaUploader(api), new MediaMessageSender(robot));
        var attachments = new ReplyAttachmentSender(account.Id, uploader, media, robot, loggers.CreateLogger<ReplyAttachmentSender>(), live);
        var indicator = new ThinkingIndicator(account, api, shownIndicators, time, loggers.CreateLogger<ThinkingIndicator>(), quota, telemetry.Replies, live);
        var resumable = new ResumableCards();
        var open = new OpenReplies();
        var replies = new ReplySinkFactory(
            account, replier, indicator, attachments, journal, telemetry.Replies,
            loggers.CreateLogger<TrackedReplySink>(), new CardReplies(account, api, replier, attachments, openCards, cards, time, loggers, resumable), quota, live, open,
            leases.Clustered ? Held : null);
        var direct = new DirectTextSender(robot);
        var approver = new PairingApprover(account, pairing, direct, time, live);
        var owners = pairings is null || ownerApprovals is null ? null : CreateOwnerAdmin(live, api, approver, direct, pairings, ownerApprovals, statuses);
        var proactive = new ProactiveSender(account, robot, uploader, media, loggers.CreateLogger<ProactiveSender>(), live);
        var recovery = new OpenCardRecovery(
            account, new AiCardClient(account, api), openCards, time, loggers.CreateLogger<OpenCardRecovery>(), journal: journal, resumable: resumable, live: live);
        var indicators = new ShownIndicatorRecovery(account.Id, indicator, shownIndicators, time, loggers.CreateLogger<ShownIndicatorRecovery>(), journal: journal);
        var clustered = leases.Clustered;
        var dispatcher = new InboundDispatcher(
            account, preparer, policy, replier, replies, dedup, journal, outbox, handler,
            new PoisonMessages(account, preparer, replier, journal, telemetry.Inbound, loggers.CreateLogger<PoisonMessages>(), live),
            telemetry.Inbound, options.Inbound, time, loggers.CreateLogger<InboundDispatcher>(), live, owners,
            clustered ? leases : null, clustered ? new TakeoverRecovery(leases, recovery, indicators) : null);
        var takeover = clustered ? new AccountTakeover(account.Id, leases, dispatcher, delivery, loggers.CreateLogger<AccountTakeover>()) : null;
        return new DingTalkAccountRuntime(
            account, http, api, stream, dispatcher, approver, proactive, recovery, indicators, cards, delivery, loggers.CreateLogger<DingTalkAccountRuntime>(), live, open, owners,
            takeover);
    }

    /// <summary>This process's leases (the channel's replica identity on the shared clock).</summary>
    public ReplicaLeases Leases => _leases ??= new ReplicaLeases(options.Replica, time);

    /// <summary>The replies this process generates, every account's (clustered: what the renewal fences).</summary>
    public HeldTurns Held => _held ??= new HeldTurns();

    /// <summary>The stop button across replicas, or null for a standalone gateway (or one without stop requests).</summary>
    public RemoteCardStops? CardStops =>
        _cardStops ??= Leases.Clustered && stopRequests is not null
            ? new RemoteCardStops(stopRequests, Leases, telemetry.Loggers.CreateLogger<RemoteCardStops>())
            : null;

    /// <summary>The loop that carries the stop clicks between replicas, or null for a standalone gateway.</summary>
    public RemoteCardStopLoop? CreateCardStopLoop() =>
        CardStops is { } stops ? new RemoteCardStopLoop(stops, telemetry.Loggers.CreateLogger<RemoteCardStopLoop>()) : null;

    /// <summary>The renewal loop of this replica's leases, or null for a standalone gateway.</summary>
    public LeaseRenewal? CreateRenewal() =>
        Leases.Clustered ? new LeaseRenewal(Leases, journal, outbox, telemetry.Loggers.CreateLogger<LeaseRenewal>(), Held) : null;

    /// <summary>What gives up a removed account's leases, or null for a standalone gateway.</summary>
    public LeaseRelease? CreateRelease() =>
        Leases.Clustered ? new LeaseRelease(Leases, journal, outbox, telemetry.Loggers.CreateLogger<LeaseRelease>()) : null;

    private OwnerAdmin CreateOwnerAdmin(
        LiveAccount live, DingTalkApiClient api, PairingApprover approver, DirectTextSender direct, IPairingStore pairings, IOwnerApprovalStore approvals,
        Func<IReadOnlyList<StreamStatus>>? statuses)
    {
        var loggers = telemetry.Loggers;
        var scope = new OwnerWorkScope(Leases, replicas);
        var decisions = new OwnerPairingDecisions(
            live, pairing, approver, pairings, approvals, new AiCardClient(live.Current, api), direct, time, loggers.CreateLogger<OwnerPairingDecisions>(), scope);
        var notifier = new OwnerPairingNotifier(live, pairings, approvals, new OwnerCardClient(api), direct, time, loggers.CreateLogger<OwnerPairingNotifier>(), quota, scope);
        var report = new OwnerGatewayReport(statuses ?? (() => []), outbox, quota);
        return new OwnerAdmin(
            live, new OwnerCommands(live, decisions, pairings, report, time), notifier,
            new OwnerCardCallbacks(live, approvals, decisions, loggers.CreateLogger<OwnerCardCallbacks>()), decisions);
    }
}
