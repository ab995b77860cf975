using System.CommandLine;
using System.Text.Json;
using DingGate.Cli.Config;
using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Doctor;

/// <summary><c>dinggate doctor [--json] [--card-to staffId]</c>: finds what stops the gateway from working, with a fix for each.</summary>
internal static class DoctorCommand
{
    private const string Description = """
        Check everything the gateway needs and print a fix for each problem: the configuration, the state directory,
        each MCP server under mcp.servers (started, its tools listed, stopped), and per enabled account the DNS/TLS reach of the DingTalk hosts, the clock against DingTalk's, the
        credentials (an access token), the Stream registration, and with --card-to a test AI card to that user.
        Also says whether a gateway is running. --json prints [{"check","status","detail","fix"}] for scripts.
        Exit codes: 0 nothing failed (warnings allowed); 1 a check failed; 2 bad command line; 73 a directory it needs (the state directory, under HOME by default) cannot be created.
        """;

    public static Command Create(TextWriter output)
    {
        var config = ConfigCommand.ConfigOption();
        var json = new Option<bool>("--json") { Description = "Print the checks as JSON." };
        var cardTo = new Option<string?>("--card-to") { Description = "Send a test AI card to this staff id (checks card permissions).", HelpName = "staffId" };
        var command = new Command("doctor", Description) { config, json, cardTo };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var checks = await new DoctorRunner(http, TimeProvider.System).RunAsync(ConfigSource.FromProcess(parse.GetValue(config)), parse.GetValue(cardTo), cancellationToken);
            if (parse.GetValue(json))
            {
                var items = checks.Select(c => new Dictionary<string, string?>
                {
                    ["check"] = c.Name, ["status"] = c.Status.ToString().ToLowerInvariant(), ["detail"] = c.Detail, ["fix"] = c.Fix,
                });
                await output.WriteLineAsync(JsonSerializer.Serialize(items, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            }
            else
            {
                foreach (var check in checks)
                {
                    await output.WriteLineAsync($"{Mark(check.Status)} {check.Name}: {check.Detail}");
                    if (check.Fix is not null)
                    {
                        await output.WriteLineAsync($"    fix: {check.Fix}");
                    }
                }

                var failed = checks.Count(c => c.Status == DoctorStatus.Fail);
                await output.WriteLineAsync(failed == 0 ? "All checks passed." : $"{failed} check(s) failed.");
            }

            return checks.Any(c => c.Status == DoctorStatus.Fail) ? ExitCodes.Runtime : ExitCodes.Ok;
        });
        return command;
    }

    private static string Mark(DoctorStatus status) => status switch
    {
        DoctorStatus.Pass => "✓",
        DoctorStatus.Warn => "!",
        DoctorStatus.Fail => "✗",
        _ => "-",
    };
}
