using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DingGate.Agent.Scheduling;
using DingGate.Cli.State;
using DingGate.Core.Scheduling;
using DingGate.Core.Secrets;

namespace DingGate.Cli.Jobs;

/// <summary><c>dinggate jobs list|remove &lt;id&gt;</c>: the scheduled jobs users created with the <c>schedule</c> tool.</summary>
internal static class JobsCommand
{
    private const string ExitCodesText = "Exit codes: 0 done; 1 unknown or already removed job; 2 bad command line; 78 invalid configuration; 73 a directory it needs (the state directory, under HOME by default) cannot be created.";

    private const int OccurrencesShown = 5;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("jobs", """
            Scheduled jobs: reminders and recurring messages or agent turns users created through the 'schedule' tool
            (and see with /jobs in chat). The gateway sends each occurrence once; an occurrence whose send was cut by
            a crash is 'ambiguous' (DingTalk may or may not have it) and is not sent again. Works on the state
            directory, also while the gateway runs.
            """);
        command.Subcommands.Add(List(output, error));
        command.Subcommands.Add(Remove(output, error));
        return command;
    }

    private static Command List(TextWriter output, TextWriter error)
    {
        var state = new StateOptions();
        var json = new Option<bool>("--json") { Description = "Print JSON (an array of jobs with their latest occurrences)." };
        var all = new Option<bool>("--all") { Description = "Include removed jobs." };
        var command = new Command("list", "List the account's scheduled jobs (active and completed ones) and how their latest occurrence went.\n" + ExitCodesText) { json, all };
        state.AddTo(command);
        command.SetAction((parse, cancellationToken) => state.RunAsync(parse, error, async context =>
        {
            var jobs = await context.Jobs.ListAsync(context.AccountId, null, parse.GetValue(all), cancellationToken);
            var redactor = context.Redactor;
            var listed = new List<(ScheduledJob Job, IReadOnlyList<JobOccurrence> Occurrences)>();
            foreach (var job in jobs)
            {
                listed.Add((job with { Text = redactor.Redact(job.Text) ?? string.Empty }, await context.Jobs.ListOccurrencesAsync(job.Id, OccurrencesShown, cancellationToken)));
            }

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(new JsonArray([.. listed.Select(l => ToJson(l.Job, l.Occurrences, redactor))])
                    .ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                return ExitCodes.Ok;
            }

            if (listed.Count == 0)
            {
                await output.WriteLineAsync($"No scheduled jobs for account {context.AccountId}.");
                return ExitCodes.Ok;
            }

            await output.WriteLineAsync("ID      STATE      KIND     TARGET                   CREATOR       SCHEDULE                                      LAST");
            foreach (var (job, occurrences) in listed)
            {
                var last = occurrences.Count == 0 ? "-" : $"{Name(occurrences[0].State)} ({occurrences[0].DueAt.ToUniversalTime():yyyy-MM-dd HH:mm}Z)";
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{job.Id,-7} {Name(job.State),-10} {Kind(job),-8} {Cut(job.Target, 24),-24} {Cut(job.Creator, 13),-13} {Cut(JobDescriptions.When(job), 45),-45} {last}"));
                await output.WriteLineAsync("        " + JobDescriptions.Short(job.Text));
            }

            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Remove(TextWriter output, TextWriter error)
    {
        var state = new StateOptions();
        var id = new Argument<string>("id") { Description = "The job id, as 'dinggate jobs list' or /jobs shows it." };
        var command = new Command("remove", "Remove a scheduled job: it fires no more (an occurrence already being sent still goes out).\n" + ExitCodesText) { id };
        state.AddTo(command);
        command.SetAction((parse, cancellationToken) => state.RunAsync(parse, error, async context =>
        {
            var given = parse.GetValue(id)!.Trim().ToLowerInvariant();
            var job = await context.Jobs.FindAsync(given, cancellationToken);
            if (job is null || job.AccountId != context.AccountId || job.State == ScheduledJobState.Removed
                || !await context.Jobs.RemoveAsync(given, context.Time.GetUtcNow(), cancellationToken))
            {
                await error.WriteLineAsync($"dinggate jobs remove: no scheduled job {given} for account {context.AccountId} (see 'dinggate jobs list').");
                return ExitCodes.Runtime;
            }

            await output.WriteLineAsync($"Removed scheduled job {given}.");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static string Name<T>(T state)
        where T : struct, Enum => state.ToString().ToLowerInvariant();

    private static string Kind(ScheduledJob job) => job.Kind == ScheduledJobKind.Agent ? "agent" : "message";

    private static string Cut(string text, int width) => text.Length > width ? text[..(width - 1)] + "…" : text;

    private static JsonObject ToJson(ScheduledJob job, IReadOnlyList<JobOccurrence> occurrences, SecretRedactor redactor) => new()
    {
        ["id"] = job.Id,
        ["account"] = job.AccountId,
        ["state"] = Name(job.State),
        ["kind"] = Kind(job),
        ["target"] = job.Target,
        ["creator"] = job.Creator,
        ["text"] = job.Text,
        ["at"] = job.At,
        ["cron"] = job.Cron,
        ["timeZone"] = job.TimeZone,
        ["nextOccurrence"] = job.NextOccurrence,
        ["createdAt"] = job.CreatedAt,
        ["occurrences"] = new JsonArray([.. occurrences.Select(o => (JsonNode)new JsonObject
        {
            ["dueAt"] = o.DueAt,
            ["state"] = Name(o.State),
            ["late"] = o.Late,
            ["attempts"] = o.Attempts,
            ["nextAttemptAt"] = o.NextAttemptAt,
            ["detail"] = redactor.Redact(o.Detail),
            ["updatedAt"] = o.UpdatedAt,
        })]),
    };
}
