using DingGate.DingTalk.Api;
using DingGate.DingTalk.Replies;
using DingGate.DingTalk.Stream;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk;

/// <summary>The channel's loggers and meters, one set per process.</summary>
internal sealed record DingTalkTelemetry(ILoggerFactory Loggers, DingTalkApiMetrics Api, StreamMetrics Stream, ReplyMetrics Replies, Inbound.InboundMetrics Inbound);
