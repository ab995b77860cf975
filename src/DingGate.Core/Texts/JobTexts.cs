namespace DingGate.Core.Texts;

/// <summary>The replies of /jobs and the notes of scheduled messages.</summary>
public static class JobTexts
{
    /// <summary>/jobs without jobs.</summary>
    public static readonly BotText None = new(
        "你还没有定时任务。可以直接对我说“明天 9 点提醒我…”来创建。",
        "You have no scheduled jobs. Just tell me \"remind me tomorrow at 9 to …\" to create one.");

    /// <summary>/jobs from a sender without a staff id.</summary>
    public static readonly BotText NoStaffId = new(
        "无法识别你的员工 ID，不能管理定时任务。",
        "Your staff id is unknown, so you cannot manage scheduled jobs (they are kept per organisation member).");

    /// <summary>/jobs remove without an id.</summary>
    public static readonly BotText RemoveUsage = new("用法：`/jobs remove <id>`，ID 见 `/jobs`。", "Usage: `/jobs remove <id>` (the ids are in `/jobs`).");

    /// <summary>/jobs in a gateway without scheduled jobs.</summary>
    public static readonly BotText Unavailable = new("此网关未启用定时任务。", "Scheduled jobs are not enabled in this gateway.");

    /// <summary>The heading of the list; {0}: the number of jobs.</summary>
    public static readonly BotText ListTitle = new("**你的定时任务：{0} 个**", "**Your scheduled jobs: {0}**");

    /// <summary>A repeating job; {0}: the cron expression; {1}: the next occurrence.</summary>
    public static readonly BotText Every = new("周期 `{0}`，下次 {1}", "every `{0}`, next {1}");

    /// <summary>A one-time job; {0}: when.</summary>
    public static readonly BotText Once = new("一次 {0}", "once {0}");

    /// <summary>Below the list.</summary>
    public static readonly BotText ListFooter = new("删除：`/jobs remove <id>`", "Remove one: `/jobs remove <id>`");

    /// <summary>{0}: the job id.</summary>
    public static readonly BotText Removed = new("🗑️ 已删除定时任务 `{0}`。", "🗑️ Removed the scheduled job `{0}`.");

    /// <summary>{0}: the job id.</summary>
    public static readonly BotText NotFound = new("没有找到定时任务 `{0}`。", "No scheduled job `{0}`.");

    /// <summary>{0}: the job id.</summary>
    public static readonly BotText NotYours = new("定时任务 `{0}` 不是你创建的，只能删除自己的任务。", "The scheduled job `{0}` is not yours; you can only remove your own jobs.");

    /// <summary>Appended to an occurrence delivered late because the gateway was down when it was due; {0}: the due time.</summary>
    public static readonly BotText Late = new("（补发：原定 {0}）", "(Sent late: it was due {0}.)");

    /// <summary>Sent when a scheduled agent turn produced no text.</summary>
    public static readonly BotText EmptyAnswer = new("（定时任务没有生成回答。）", "(The scheduled job produced no answer.)");
}
