using System.CommandLine;
using DingGate.Cli.State;

namespace DingGate.Cli.Allow;

/// <summary><c>dinggate allow add|remove &lt;id&gt;</c>, <c>allow list</c>: the approved senders kept in the state directory.</summary>
internal static class AllowCommand
{
    private const string ExitCodesText = "Exit codes: 0 done; 1 the id was not on the list (remove); 2 bad command line; 78 invalid configuration; 73 a directory it needs (the state directory, under HOME by default) cannot be created.";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("allow", """
            Senders allowed to talk to the bot besides the config's allowFrom: the same set pairing approvals go to,
            kept in the state directory, effective at once (also while the gateway runs). Ids are staff ids (userId)
            or sender ids ($:LWCP_v1:$…), as /whoami shows them.
            """);
        command.Subcommands.Add(Change("add", "Allow a sender.", output, error));
        command.Subcommands.Add(Change("remove", "Take a sender off the list (allowFrom in the config is not changed).", output, error));
        command.Subcommands.Add(List(output, error));
        return command;
    }

    private static Command Change(string name, string description, TextWriter output, TextWriter error)
    {
        var state = new StateOptions();
        var id = new Argument<string>("id") { Description = "Staff id or sender id." };
        id.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string>();
            if (string.IsNullOrWhiteSpace(value) || value.Length > 256 || value.Any(char.IsControl))
            {
                r.AddError("id must be a non-empty staff id or sender id without control characters (at most 256 characters)");
            }
        });
        var command = new Command(name, description + "\n" + ExitCodesText) { id };
        state.AddTo(command);
        command.SetAction((parse, cancellationToken) => state.RunAsync(parse, error, async context =>
        {
            var user = parse.GetValue(id)!.Trim();
            if (name == "add")
            {
                await context.Pairing.ApproveAsync(context.AccountId, user, context.Time.GetUtcNow(), cancellationToken);
                await output.WriteLineAsync($"Allowed {user} on account {context.AccountId}.");
                return ExitCodes.Ok;
            }

            if (await context.Pairing.RevokeAsync(context.AccountId, user, cancellationToken))
            {
                await output.WriteLineAsync($"Removed {user} from account {context.AccountId}.");
                return ExitCodes.Ok;
            }

            await error.WriteLineAsync($"dinggate allow remove: {user} is not on the list of account {context.AccountId}.");
            return ExitCodes.Runtime;
        }, cancellationToken));
        return command;
    }

    private static Command List(TextWriter output, TextWriter error)
    {
        var state = new StateOptions();
        var command = new Command("list", "List the allowed senders of an account (approvals and 'allow add'; not the config's allowFrom).\n" + ExitCodesText);
        state.AddTo(command);
        command.SetAction((parse, cancellationToken) => state.RunAsync(parse, error, async context =>
        {
            var approved = await context.Pairing.ListApprovedAsync(context.AccountId, cancellationToken);
            await output.WriteLineAsync(approved.Count == 0 ? $"No allowed senders stored for account {context.AccountId}." : string.Join(Environment.NewLine, approved));
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
