using System.Globalization;
using System.Text;
using DingGate.Cli.Admin;

namespace DingGate.Cli.Gateway;

/// <summary>The replicas table of <c>gateway status</c>: one line per live replica, this one marked, times in local time.</summary>
internal static class ReplicaTable
{
    private static readonly string[] Headers = ["REPLICA", "HOST", "PID", "VERSION", "STARTED", "HEARTBEAT", "TURNS", "ACCOUNTS"];

    public static string Render(IReadOnlyList<AdminReplicaStatus> replicas)
    {
        var rows = replicas.Select(r => new[]
        {
            r.Self ? r.Id + " (this)" : r.Id,
            r.Host,
            r.Pid.ToString(CultureInfo.InvariantCulture),
            r.Version,
            Time(r.StartedAt),
            Time(r.HeartbeatAt),
            r.TurnsRunning.ToString(CultureInfo.InvariantCulture),
            r.Accounts.Count == 0 ? "-" : string.Join(", ", r.Accounts.Select(a => $"{a.Id} {a.Link}")),
        }).ToList();
        var widths = Headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Replicas: {replicas.Count} live");
        foreach (var row in rows.Prepend(Headers))
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }

        return text.ToString().TrimEnd();
    }

    private static string Time(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
