using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DingGate.Chaos.Verdict;

/// <summary>
/// Reads the reply outbox with the real CLI, once per account of the chaos configuration:
/// <c>dinggate outbox list --json --all --account &lt;id&gt; --config …</c> prints an array of entries whose
/// <c>state</c> is <c>sending</c>, <c>pending</c>, <c>ambiguous</c>, <c>failed</c>, <c>delivered</c> or <c>dropped</c>.
/// Anything but <c>delivered</c> counts as undelivered (a dropped answer never reached its user).
/// </summary>
internal static class OutboxProbe
{
    private static readonly string[] Accounts = ["markdown", "card"];

    public static async Task<OutboxProbeResult> ReadAsync(string configPath, CancellationToken ct)
    {
        var (entries, undelivered, examples, held) = (0, 0, new List<string>(), new List<HeldOutboxEntry>());
        foreach (var account in Accounts)
        {
            var info = new ProcessStartInfo(
                GatewayProcess.DotnetHost(), [GatewayProcess.GatewayDll, "outbox", "list", "--json", "--all", "--account", account, "--config", configPath])
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
                return OutboxProbeResult.Missing($"`dinggate outbox list --json --account {account}` failed (exit {process.ExitCode}: {FirstLine(stderr + stdout)})");
            }

            try
            {
                var listed = (JsonNode.Parse(stdout) as JsonArray ?? []).OfType<JsonObject>().ToList();
                static bool Is(JsonObject e, string state) => string.Equals(e["state"]?.GetValue<string>(), state, StringComparison.OrdinalIgnoreCase);
                var waiting = listed.Where(e => !Is(e, "delivered") && !Is(e, "ambiguous")).ToList();
                held.AddRange(listed.Where(e => Is(e, "ambiguous"))
                    .Select(e => new HeldOutboxEntry(account, e["id"]?.ToJsonString() ?? "?", e["text"]?.GetValue<string>() ?? string.Empty)));
                entries += listed.Count;
                undelivered += waiting.Count;
                examples.AddRange(waiting.Take(3).Select(e => $"{account}: {e["id"]} {e["state"]} {e["messageKey"]} {e["lastError"]}"));
            }
            catch (System.Text.Json.JsonException ex)
            {
                return OutboxProbeResult.Missing($"`outbox list --json --account {account}` printed something else than JSON ({ex.Message})");
            }
        }

        return new OutboxProbeResult(true, entries, undelivered,
            undelivered == 0 ? "read with `dinggate outbox list --json --all`" : "e.g. " + string.Join("; ", examples.Take(3)))
        {
            Held = held,
        };
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? string.Empty;
}
