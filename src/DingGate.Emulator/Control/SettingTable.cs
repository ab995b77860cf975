using System.Text.Json.Nodes;

namespace DingGate.Emulator.Control;

/// <summary>The run-time settable switches: name, type, reader and writer. Durations are milliseconds on the wire.</summary>
internal static class SettingTable
{
    public static readonly IReadOnlyList<Setting> All =
    [
        Duration("tokenLifetimeMs", o => o.TokenLifetime, (o, v) => o.TokenLifetime = v),
        Duration("ticketLifetimeMs", o => o.TicketLifetime, (o, v) => o.TicketLifetime = v),
        Duration("pingIntervalMs", o => o.PingInterval, (o, v) => o.PingInterval = v),
        Integer("maxMissedPongs", o => o.MaxMissedPongs, (o, v) => o.MaxMissedPongs = v),
        Duration("disconnectGraceMs", o => o.DisconnectGrace, (o, v) => o.DisconnectGrace = v),
        new("connectionMaxAgeMs", "a non-negative integer or null",
            o => o.ConnectionMaxAge is { } age ? (long)age.TotalMilliseconds : null,
            v => v is null || IsNonNegativeInteger(v),
            (o, v) => o.ConnectionMaxAge = v is null ? null : TimeSpan.FromMilliseconds(v.GetValue<long>())),
        Duration("callbackRedeliveryWindowMs", o => o.CallbackRedeliveryWindow, (o, v) => o.CallbackRedeliveryWindow = v),
        Integer("callbackRedeliveryAttempts", o => o.CallbackRedeliveryAttempts, (o, v) => o.CallbackRedeliveryAttempts = v),
        Boolean("redeliverOnNon200Ack", o => o.RedeliverOnNon200Ack, (o, v) => o.RedeliverOnNon200Ack = v),
        new("eventRedeliveryScheduleMs", "an array of non-negative integers",
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
        Duration("cardCallbackAckWindowMs", o => o.CardCallbackAckWindow, (o, v) => o.CardCallbackAckWindow = v),
        Duration("sessionWebhookLifetimeMs", o => o.SessionWebhookLifetime, (o, v) => o.SessionWebhookLifetime = v),
        Boolean("sessionWebhookThrottle", o => o.SessionWebhookThrottle, (o, v) => o.SessionWebhookThrottle = v),
        Duration("downloadUrlLifetimeMs", o => o.DownloadUrlLifetime, (o, v) => o.DownloadUrlLifetime = v),
        Boolean("qpsLimitEnabled", o => o.QpsLimitEnabled, (o, v) => o.QpsLimitEnabled = v),
        Integer("qpsLimit", o => o.QpsLimit, (o, v) => o.QpsLimit = v),
        Integer("batchSendMaxUsers", o => o.BatchSendMaxUsers, (o, v) => o.BatchSendMaxUsers = v),
    ];

    private static Setting Duration(string name, Func<EmulatorOptions, TimeSpan> get, Action<EmulatorOptions, TimeSpan> set) =>
        new(name, "a non-negative integer (milliseconds)", o => (long)get(o).TotalMilliseconds, IsNonNegativeInteger,
            (o, v) => set(o, TimeSpan.FromMilliseconds(v!.GetValue<long>())));

    private static Setting Integer(string name, Func<EmulatorOptions, int> get, Action<EmulatorOptions, int> set) =>
        new(name, "a non-negative integer", o => get(o), IsNonNegativeInteger, (o, v) => set(o, v!.GetValue<int>()));

    private static Setting Boolean(string name, Func<EmulatorOptions, bool> get, Action<EmulatorOptions, bool> set) =>
        new(name, "true or false", o => get(o), v => v is JsonValue j && j.TryGetValue<bool>(out _), (o, v) => set(o, v!.GetValue<bool>()));

    private static bool IsNonNegativeInteger(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<long>(out var n) && n >= 0 && n <= int.MaxValue;

    /// <summary>One settable switch.</summary>
    internal sealed record Setting(
        string Name, string Expected, Func<EmulatorOptions, JsonNode?> Read, Func<JsonNode?, bool> IsValid, Action<EmulatorOptions, JsonNode?> Write);
}
