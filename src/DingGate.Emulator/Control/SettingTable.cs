using System.Text.Json.Nodes;
using DingGate.Emulator.Stream;
using S = DingGate.Emulator.Control.Setting<DingGate.Emulator.EmulatorOptions>;

namespace DingGate.Emulator.Control;

/// <summary>The run-time settable switches: name, type, reader and writer. Durations are milliseconds on the wire.</summary>
internal static class SettingTable
{
    public static readonly IReadOnlyList<Setting<EmulatorOptions>> All =
    [
        S.Duration("tokenLifetimeMs", o => o.TokenLifetime, (o, v) => o.TokenLifetime = v),
        S.Duration("ticketLifetimeMs", o => o.TicketLifetime, (o, v) => o.TicketLifetime = v),
        new S("pingIntervalMs", "a non-negative integer or null",
            o => o.PingInterval is { } ping ? (long)ping.TotalMilliseconds : null,
            v => v is null || IsNonNegativeInteger(v),
            (o, v) => o.PingInterval = v is null ? null : TimeSpan.FromMilliseconds(v.GetValue<long>())),
        S.Integer("maxMissedPongs", 0, o => o.MaxMissedPongs, (o, v) => o.MaxMissedPongs = v),
        S.Duration("disconnectGraceMs", o => o.DisconnectGrace, (o, v) => o.DisconnectGrace = v),
        new S("connectionMaxAgeMs", "a non-negative integer or null",
            o => o.ConnectionMaxAge is { } age ? (long)age.TotalMilliseconds : null,
            v => v is null || IsNonNegativeInteger(v),
            (o, v) => o.ConnectionMaxAge = v is null ? null : TimeSpan.FromMilliseconds(v.GetValue<long>())),
        new S("streamSpread", "\"random\" or \"roundRobin\"",
            o => o.StreamSpread == StreamSpread.RoundRobin ? "roundRobin" : "random",
            v => v is JsonValue j && j.TryGetValue<string>(out var text) && text is "random" or "roundRobin",
            (o, v) => o.StreamSpread = v!.GetValue<string>() == "roundRobin" ? StreamSpread.RoundRobin : StreamSpread.Random),
        S.Duration("callbackRedeliveryWindowMs", o => o.CallbackRedeliveryWindow, (o, v) => o.CallbackRedeliveryWindow = v),
        S.Integer("callbackRedeliveryAttempts", 0, o => o.CallbackRedeliveryAttempts, (o, v) => o.CallbackRedeliveryAttempts = v),
        S.Boolean("redeliverOnNon200Ack", o => o.RedeliverOnNon200Ack, (o, v) => o.RedeliverOnNon200Ack = v),
        new S("eventRedeliveryScheduleMs", "an array of non-negative integers",
            o => new JsonArray(o.EventRedeliverySchedule.Select(t => (JsonNode)(long)t.TotalMilliseconds).ToArray()),
            v => v is JsonArray a && a.All(IsNonNegativeInteger),
            (o, v) =>
            {
                o.EventRedeliverySchedule.Clear();
                foreach (var item in v!.AsArray())
                {
                    o.EventRedeliverySchedule.Add(TimeSpan.FromMilliseconds(item!.GetValue<long>()));
                }
            }),
        S.Duration("cardCallbackAckWindowMs", o => o.CardCallbackAckWindow, (o, v) => o.CardCallbackAckWindow = v),
        S.Duration("sessionWebhookLifetimeMs", o => o.SessionWebhookLifetime, (o, v) => o.SessionWebhookLifetime = v),
        S.Boolean("sessionWebhookThrottle", o => o.SessionWebhookThrottle, (o, v) => o.SessionWebhookThrottle = v),
        S.Duration("downloadUrlLifetimeMs", o => o.DownloadUrlLifetime, (o, v) => o.DownloadUrlLifetime = v),
        S.Boolean("qpsLimitEnabled", o => o.QpsLimitEnabled, (o, v) => o.QpsLimitEnabled = v),
        S.Integer("qpsLimit", 0, o => o.QpsLimit, (o, v) => o.QpsLimit = v),
        S.Boolean("qpsSlidingWindow", o => o.QpsSlidingWindow, (o, v) => o.QpsSlidingWindow = v),
        S.Boolean("ipLimitEnabled", o => o.IpLimitEnabled, (o, v) => o.IpLimitEnabled = v),
        S.Integer("ipLimit", 1, o => o.IpLimit, (o, v) => o.IpLimit = v),
        S.Duration("ipLimitWindowMs", o => o.IpLimitWindow, (o, v) => o.IpLimitWindow = v),
        S.Duration("ipBanMs", o => o.IpBanDuration, (o, v) => o.IpBanDuration = v),
        S.Integer("batchSendMaxUsers", 0, o => o.BatchSendMaxUsers, (o, v) => o.BatchSendMaxUsers = v),
    ];

    private static bool IsNonNegativeInteger(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<long>(out var n) && n >= 0 && n <= int.MaxValue;

}
