using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Storage;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Inbound;
using DingGate.DingTalk.Policies;
using DingGate.DingTalk.Replies;
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
        var dispatcher = new InboundDispatcher(account, preparer, policy, api, dedup, journal, handler, time, loggers.CreateLogger<InboundDispatcher>());
        var approver = new PairingApprover(account, pairing, new DirectTextSender(account, api), time);
        return new DingTalkAccountRuntime(account, http, stream, dispatcher, approver, loggers.CreateLogger<DingTalkAccountRuntime>());
    }
}
