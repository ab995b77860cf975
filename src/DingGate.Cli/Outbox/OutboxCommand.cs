using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using DingGate.Cli.State;
using DingGate.Core.Secrets;
using DingGate.Core.Storage;

namespace DingGate.Cli.Outbox;

/// <summary><c>dinggate outbox list|retry &lt;id&gt;|drop &lt;id&gt;</c>: answers in the reply outbox that were not delivered.</summary>
internal static class OutboxCommand
{
    private const string ExitCodesText = "Exit codes: 0 done; 1 unknown entry or not in a state the verb applies to; 2 bad command line; 78 invalid configuration; 73 a directory it needs (the state directory, under HOME by default) cannot be created.";

    private static readonly OutboxState[] Undelivered = [OutboxState.Sending, OutboxState.Pending, OutboxState.Ambiguous, OutboxState.Failed];

    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("outbox", """
            The reply outbox: answers DingTalk did not accept at once wait here. The gateway retries 'pending' ones
            with backoff; 'ambiguous' ones (DingTalk may have shown them: a timeout or 5xx after sending, a crash
            mid-call) and 'failed' ones (refused for good, or out of attempts) wait for you: retry or drop them.
            Works on the state directory, also while the gateway runs (its worker picks re-queued entries up).
            """);
        command.Subcommands.Add(List(output, error));
        command.Subcommands.Add(Retry(output, error));
        command.Subcommands.Add(Drop(output, error));
        return command;
    }

    private static Command List(TextWriter output, TextWriter error)
    {
        var state = new StateOptions();
        var json = new Option<bool>("--json") { Description = "Print JSON (an array of entries with their attempt history)." };
        var all = new Option<bool>("--all") { Description = "Include delivered and dropped entries." };
        var command = new Command("list", "List the account's undelivered answers (sending, pending, ambiguous, failed).\n" + ExitCodesText) { json, all };
        state.AddTo(command);
        command.SetAction((parse, cancellationToken) => state.RunAsync(parse, error, async context =>
        {
            var listed = await context.Outbox.ListAsync(context.AccountId, parse.GetValue(all) ? null : Undelivered, cancellationToken);
            // Printed through the same redaction as the gateway's sinks: an answer or an error text may quote a secret.
            var redactor = context.Redactor;
            var entries = new List<OutboxEntry>();
            foreach (var entry in listed)
            {
                entries.Add(Redacted(await context.Outbox.FindAsync(entry.Id, cancellationToken) ?? entry, redactor));
            }

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(new JsonArray([.. entries.Select(ToJson)]).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Ok;
            }

            if (entries.Count == 0)
            {
                await output.WriteLineAsync($"No undelivered answers in the reply outbox of account {context.AccountId}.");
                return ExitCodes.Ok;
            }

            await output.WriteLineAsync("ID      STATE      PARTS  ATTEMPTS  CREATED           TARGET                           LAST ERROR");
            foreach (var e in entries)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{e.Id,-7} {Name(e.State),-10} {e.DeliveredParts + "/" + e.Parts.Count,-6} {e.Attempts,-9} {e.CreatedAt.ToLocalTime():yyyy-MM-dd HH:mm}  {Target(e),-32} {e.LastError ?? "-"}"));
            }

            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Retry(TextWriter output, TextWriter error)
    {
        var state = new StateOptions();
        var id = IdArgument();
        var command = new Command("retry", """
            Re-queue a failed, ambiguous or dropped answer: the gateway sends what was not delivered, at once (within a
            few seconds when it runs, else at its next start), with a fresh set of attempts. For an ambiguous entry
            this may show the user a part twice: that is the choice you make here.
            """ + "\n" + ExitCodesText) { id };
        state.AddTo(command);
        command.SetAction((parse, cancellationToken) => state.RunAsync(parse, error, async context =>
        {
            var given = parse.GetValue(id);
            if (!await Owned(context, given, error, "retry", cancellationToken))
            {
                return ExitCodes.Runtime;
            }

            if (!await context.Outbox.RetryAsync(given, context.Time.GetUtcNow(), cancellationToken))
            {
                await error.WriteLineAsync($"dinggate outbox retry: entry {given} is not failed, ambiguous or dropped (see 'dinggate outbox list --all').");
                return ExitCodes.Runtime;
            }

            await output.WriteLineAsync($"Re-queued reply outbox entry {given}; the gateway sends it at once (or at its next start).");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Drop(TextWriter output, TextWriter error)
    {
        var state = new StateOptions();
        var id = IdArgument();
        var command = new Command("drop", "Drop an undelivered answer: the gateway stops trying it (the user never gets it).\n" + ExitCodesText) { id };
        state.AddTo(command);
        command.SetAction((parse, cancellationToken) => state.RunAsync(parse, error, async context =>
        {
            var given = parse.GetValue(id);
            if (!await Owned(context, given, error, "drop", cancellationToken))
            {
                return ExitCodes.Runtime;
            }

            if (!await context.Outbox.DropAsync(given, context.Time.GetUtcNow(), cancellationToken))
            {
                await error.WriteLineAsync($"dinggate outbox drop: entry {given} was already delivered.");
                return ExitCodes.Runtime;
            }

            await output.WriteLineAsync($"Dropped reply outbox entry {given}.");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static Argument<long> IdArgument()
    {
        var id = new Argument<long>("id") { Description = "The entry id, as 'dinggate outbox list' shows it." };
        id.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long>() <= 0)
            {
                r.AddError("id must be a positive entry id (see 'dinggate outbox list')");
            }
        });
        return id;
    }

    private static async Task<bool> Owned(StateContext context, long id, TextWriter error, string verb, CancellationToken cancellationToken)
    {
        var entry = await context.Outbox.FindAsync(id, cancellationToken);
        if (entry is not null && entry.AccountId == context.AccountId)
        {
            return true;
        }

        await error.WriteLineAsync($"dinggate outbox {verb}: no reply outbox entry {id} for account {context.AccountId} (see 'dinggate outbox list').");
        return false;
    }

    private static OutboxEntry Redacted(OutboxEntry e, SecretRedactor redactor) => e with
    {
        LastError = redactor.Redact(e.LastError),
        Parts = [.. e.Parts.Select(p => p with { Text = redactor.Redact(p.Text) ?? string.Empty })],
        History = [.. e.History.Select(h => h with { Detail = redactor.Redact(h.Detail) })],
    };

    private static string Name(OutboxState state) => state.ToString().ToLowerInvariant();

    private static string Target(OutboxEntry e)
    {
        var target = e.IsGroup ? "group " + e.ConversationId : "user " + (e.UserId ?? e.ConversationId);
        return target.Length > 32 ? target[..31] + "…" : target;
    }

    private static JsonObject ToJson(OutboxEntry e) => new()
    {
        ["id"] = e.Id,
        ["account"] = e.AccountId,
        ["messageKey"] = e.MessageKey,
        ["state"] = Name(e.State),
        ["final"] = e.Final,
        ["conversationId"] = e.ConversationId,
        ["group"] = e.IsGroup,
        ["userId"] = e.UserId,
        ["webhookExpiresAt"] = e.WebhookExpiresAt,
        ["parts"] = e.Parts.Count,
        ["deliveredParts"] = e.DeliveredParts,
        ["attempts"] = e.Attempts,
        ["nextAttemptAt"] = e.State == OutboxState.Pending ? e.NextAttemptAt : null,
        ["lastError"] = e.LastError,
        ["createdAt"] = e.CreatedAt,
        ["updatedAt"] = e.UpdatedAt,
        ["text"] = string.Concat(e.Parts.Select(p => p.Text)),
        ["history"] = new JsonArray([.. e.History.Select(h => (JsonNode)new JsonObject
        {
            ["at"] = h.At, ["path"] = h.Path, ["outcome"] = h.Outcome, ["detail"] = h.Detail,
        })]),
    };
}
