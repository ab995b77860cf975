using System.CommandLine;
using System.Globalization;
using DingGate.Cli.Admin;
using DingGate.Cli.State;

namespace DingGate.Cli.Pairing;

/// <summary><c>dinggate pairing list|approve &lt;code&gt;|deny &lt;code&gt;</c>: the pairing requests of <c>dmPolicy: "pairing"</c>.</summary>
internal static class PairingCommand
{
    private const string ExitCodesText = "Exit codes: 0 done; 1 unknown or expired code; 2 bad command line; 78 invalid configuration (or, for approve, untrusted admin files in the state directory); 73 a directory it needs (the state directory, under HOME by default) cannot be created.";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("pairing", "Pairing requests: with dmPolicy \"pairing\" an unknown sender gets a code; approve it here to let them talk to the bot.");
        command.Subcommands.Add(List(output, error));
        command.Subcommands.Add(Approve(output, error));
        command.Subcommands.Add(Deny(output, error));
        return command;
    }

    private static Command List(TextWriter output, TextWriter error)
    {
        var state = new StateOptions();
        var command = new Command("list", "List pending pairing codes (unexpired) of an account.\n" + ExitCodesText);
        state.AddTo(command);
        command.SetAction((parse, cancellationToken) => state.RunAsync(parse, error, async context =>
        {
            var pending = await context.Pairing.ListPendingAsync(context.AccountId, context.Time.GetUtcNow(), cancellationToken);
            if (pending.Count == 0)
            {
                await output.WriteLineAsync($"No pending pairing requests for account {context.AccountId}.");
                return ExitCodes.Ok;
            }

            await output.WriteLineAsync("CODE      USER ID                          NICK                 EXPIRES");
            foreach (var p in pending)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{p.Code,-9} {p.UserId,-32} {p.Nick,-20} {p.ExpiresAt.ToLocalTime():yyyy-MM-dd HH:mm}"));
            }

            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Approve(TextWriter output, TextWriter error)
    {
        var state = new StateOptions();
        var code = new Argument<string>("code") { Description = "The pairing code the user received (case-insensitive)." };
        var command = new Command("approve", """
            Approve a pairing code: the sender may talk to the bot from now on. When the gateway runs, it also tells
            the user in their 1:1 chat; when it does not, the approval is stored and takes effect at its next start.
            """ + "\n" + ExitCodesText) { code };
        state.AddTo(command);
        command.SetAction((parse, cancellationToken) => state.RunAsync(parse, error, async context =>
        {
            var given = parse.GetValue(code)!.Trim();
            using var http = AdminHttp.Create(TimeSpan.FromSeconds(15));
            AdminPairingResult? live;
            try
            {
                live = await new AdminClient(context.Loaded.StateDirectory, http).ApprovePairingAsync(context.AccountId, given, cancellationToken);
            }
            catch (AdminTrustException ex)
            {
                // Not approved offline either: a gateway may run there, and approving behind its back would not tell the user.
                await ex.WriteToAsync(error, "pairing approve");
                return ExitCodes.Config;
            }

            if (live is not null)
            {
                return await ReportAsync(live.Approved, given, "they were told in their 1:1 chat", output, error);
            }

            var now = context.Time.GetUtcNow();
            var request = await context.Pairing.TakePendingAsync(context.AccountId, given, now, cancellationToken);
            if (request is not null)
            {
                await context.Pairing.ApproveAsync(context.AccountId, request.UserId, now, cancellationToken);
            }

            return await ReportAsync(request?.UserId, given, "the gateway is not running, so they were not notified", output, error);
        }, cancellationToken));
        return command;
    }

    private static Command Deny(TextWriter output, TextWriter error)
    {
        var state = new StateOptions();
        var code = new Argument<string>("code") { Description = "The pairing code to refuse." };
        var command = new Command("deny", "Refuse a pairing code: it is removed; the sender stays unable to talk to the bot.\n" + ExitCodesText) { code };
        state.AddTo(command);
        command.SetAction((parse, cancellationToken) => state.RunAsync(parse, error, async context =>
        {
            var given = parse.GetValue(code)!.Trim();
            var request = await context.Pairing.TakePendingAsync(context.AccountId, given, context.Time.GetUtcNow(), cancellationToken);
            if (request is null)
            {
                await error.WriteLineAsync($"dinggate pairing deny: unknown or expired pairing code '{given}'.");
                return ExitCodes.Runtime;
            }

            await output.WriteLineAsync($"Denied {request.UserId} ({request.Nick}).");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static async Task<int> ReportAsync(string? user, string code, string note, TextWriter output, TextWriter error)
    {
        if (user is null)
        {
            await error.WriteLineAsync($"dinggate pairing approve: unknown or expired pairing code '{code}'. See 'dinggate pairing list'.");
            return ExitCodes.Runtime;
        }

        await output.WriteLineAsync($"Approved {user}; {note}.");
        return ExitCodes.Ok;
    }
}
