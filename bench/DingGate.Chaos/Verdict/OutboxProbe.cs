using System.Diagnostics;
using System.Text.Json.Nodes;
using DingGate.Chaos.Rig;

namespace DingGate.Chaos.Verdict;

/// <summary>
/// Reads the reply outbox (issue 12 item 1) with the real CLI: <c>dinggate outbox list --json --config …</c>.
/// TODO(lead, after merging the outbox branch): check the JSON shape below against the outbox helper's
/// <c>outbox list --json</c> (an array of entries, or an object with <c>entries</c>; state in <c>state</c> or
/// <c>status</c>; anything but <c>delivered</c> counts as undelivered). Until the command exists this reports
/// "not checked", never "holds".
/// </summary>
internal static class OutboxProbe
{
    private static readonly string[] DeliveredStates = ["delivered", "sent", "done"];

    public static async Task<OutboxProbeResult> ReadAsync(string configPath, CancellationToken ct)
    {
        var info = new ProcessStartInfo(GatewayProcess.DotnetHost(), [GatewayProcess.GatewayDll, "outbox", "list", "--json", "--config", configPath])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(configPath)!,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var (stdout, stderr) = (await output, await error);
        if (process.ExitCode != 0)
        {
            return OutboxProbeResult.Missing($"TODO(lead): `dinggate outbox list --json` is not available in this build (exit {process.ExitCode}: {FirstLine(stderr + stdout)})");
        }

        try
        {
            var root = JsonNode.Parse(stdout);
            var entries = (root as JsonArray ?? root?["entries"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            var undelivered = entries.Where(e => !DeliveredStates.Contains((e["state"] ?? e["status"])?.GetValue<string>()?.ToLowerInvariant())).ToList();
            return new OutboxProbeResult(true, entries.Count, undelivered.Count,
                undelivered.Count == 0 ? "read with `dinggate outbox list --json`" : "e.g. " + string.Join("; ", undelivered.Take(3).Select(e => e.ToJsonString())));
        }
        catch (System.Text.Json.JsonException ex)
        {
            return OutboxProbeResult.Missing($"TODO(lead): `outbox list --json` printed something else than JSON ({ex.Message})");
        }
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? string.Empty;
}
