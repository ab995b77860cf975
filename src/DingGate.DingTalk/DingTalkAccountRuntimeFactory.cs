using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Storage;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Inbound;
using DingGate.DingTalk.Policies;
using DingGate.DingTalk.Replies;
using DingGate.DingTalk.Replies.Cards;
using DingGate.DingTalk.Replies.Sending;
using DingGate.DingTalk.Replies.Thinking;
using DingGate.DingTalk.Stream;
using DingGate.DingTalk.Stream.Registration;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk;

/// <summary>Builds the per-account parts (nothing is shared between accounts but the stores, the clock and telemetry).</summary>
internal sealed class DingTalkAccountRuntimeFactory(
    DingTalkChannelOptions options,
    InboundMessageParser parser,
    AccessPolicy policy,
    PairingService pairing,
    IDedupStore dedup,
    IInboundJournal journal,
    IInboundHandler handler,
    DingTalkTelemetry telemetry,
    IOpenCardStore openCards,
    TimeProvider time)
{
    public DingTalkAccountRuntime Create(DingTalkAccount account)
    {
        var loggers = telemetry.Loggers;
        var http = new HttpClient(DingTalkApiClient.CreateHandler()) { Timeout = options.HttpTimeout };
        var api = new DingTalkApiClient(account, http, time, loggers.CreateLogger<DingTalkApiClient>(), telemetry.Api);
        var stream = new StreamClient(
            account, new ApiStreamRegistrar(api), journal, options.Stream, time, loggers.CreateLogger<StreamClient>(), telemetry.Stream);
        var preparer = new InboundPreparer(account, parser, new MediaDownloader(api, loggers.CreateLogger<MediaDownloader>()),
            Path.Combine(options.StateDirectory, "media"), loggers.CreateLogger<InboundPreparer>());
        var robot = new RobotMessageSender(account, api);
        var replier = new ConversationReplier(account, api, robot, time, loggers.CreateLogger<ConversationReplier>());
        var replies = new ReplySinkFactory(
            account, replier, new ThinkingIndicator(account, api, time, loggers.CreateLogger<ThinkingIndicator>()), journal, telemetry.Replies,
            loggers.CreateLogger<TrackedReplySink>(), new CardReplies(account, api, replier, openCards, new ActiveCardRegistry(), time, loggers));
        var dispatcher = new InboundDispatcher(
            account, preparer, policy, replier, replies, dedup, journal, handler, time, loggers.CreateLogger<InboundDispatcher>());
        var approver = new PairingApprover(account, pairing, new DirectTextSender(robot), time);
        return new DingTalkAccountRuntime(account, http, stream, dispatcher, approver, loggers.CreateLogger<DingTalkAccountRuntime>());
    }
}
