using System.Globalization;
using System.Text;
using DingGate.Cli.Admin;

namespace DingGate.Cli.Gateway;

/// <summary>The per-account table of <c>gateway status</c>: plain aligned columns, times in local time.</summary>
internal static class StatusTable
{
    private static readonly string[] Headers = ["ACCOUNT", "STATE", "CONNECTED SINCE", "LAST INBOUND", "RECONNECTS", "API CALLS (MONTH)", "FAILED MSGS", "LAST ERROR"];

    public static string Render(IReadOnlyList<AdminAccountStatus> accounts)
    {
        var rows = accounts.Select(a => new[]
        {
            a.Id,
            a.State + (a.NextRetrySeconds is { } retry ? $" (retry in {retry:0.#}s)" : string.Empty),
            Time(a.ConnectedSince),
            Time(a.LastInboundAt),
            a.Reconnects.ToString(CultureInfo.InvariantCulture),
            $"{a.ApiCalls} ({a.ApiCallsThisMonth})",
            a.FailedMessages.ToString(CultureInfo.InvariantCulture),
            a.LastError ?? "-",
        }).ToList();
        var widths = Headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(Headers))
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }

        // The latest failed message of each account, under the table (a reason is too long for a column).
        foreach (var a in accounts.Where(a => a.FailedMessages > 0 && a.LastFailure is not null))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{a.Id}: last failed message {Time(a.LastFailedAt)}: {a.LastFailure}");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>"Quota default (main, b): 4210 of 5000 OpenAPI calls in 2026-12 (84.2%), forecast 6100; step warned".</summary>
    public static string Quota(AdminQuotaStatus q) => q.Budget > 0
        ? string.Create(CultureInfo.InvariantCulture,
            $"Quota {q.Group} ({string.Join(", ", q.Accounts)}): {q.Used} of {q.Budget} OpenAPI calls in {q.Month} ({q.Percent:0.#}%), forecast {q.Forecast}; step {q.Step}{(q.RefusedByDingTalk ? " (DingTalk refused a call for the monthly quota)" : string.Empty)}")
        : string.Create(CultureInfo.InvariantCulture, $"Quota {q.Group} ({string.Join(", ", q.Accounts)}): {q.Used} OpenAPI calls in {q.Month}; no budget set");

    private static string Time(DateTimeOffset? at) =>
        at is { } value ? value.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";
}
