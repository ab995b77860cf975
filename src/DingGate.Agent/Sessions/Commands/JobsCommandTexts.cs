using System.Globalization;
using System.Text;
using DingGate.Agent.Scheduling;
using DingGate.Core.Scheduling;

namespace DingGate.Agent.Sessions.Commands;

// The replies of /jobs (markdown, Chinese first like SessionCommandTexts).
internal static class JobsCommandTexts
{
    public const string None = "你还没有定时任务。(No scheduled jobs.) 可以直接对我说“明天 9 点提醒我…”来创建。";

    public const string NoStaffId = "无法识别你的员工 ID，不能管理定时任务。(No staff id: jobs are kept per organisation member.)";

    public const string RemoveUsage = "用法 (usage)：`/jobs remove <id>`，ID 见 `/jobs`。";

    public const string Unavailable = "此网关未启用定时任务。(Scheduled jobs are not enabled in this gateway.)";

    public static string List(IReadOnlyList<ScheduledJob> jobs)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"**你的定时任务 (Your scheduled jobs): {jobs.Count}**")
            .AppendLine();
        foreach (var job in jobs)
        {
            var kind = job.Kind == ScheduledJobKind.Agent ? "🤖" : "💬";
            var when = job.Cron is { } cron
                ? $"周期 (every) `{cron}`，下次 (next) {(job.NextOccurrence is { } n ? JobClock.Full(n, job.TimeZone) : "-")}"
                : $"一次 (once) {(job.At is { } at ? JobClock.Full(at, job.TimeZone) : "-")}";
            text.AppendLine(CultureInfo.InvariantCulture, $"- `{job.Id}` {kind} {when} → {job.Target}：{JobDescriptions.Short(job.Text)}");
        }

        return text.AppendLine().Append("删除 (remove)：`/jobs remove <id>`").ToString();
    }

    public static string Removed(string id) => $"🗑️ 已删除定时任务 `{id}`。(Job removed.)";

    public static string NotFound(string id) => $"没有找到定时任务 `{id}`。(No such job.)";

    public static string NotYours(string id) => $"定时任务 `{id}` 不是你创建的，只能删除自己的任务。(You can only remove your own jobs.)";
}
