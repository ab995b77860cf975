using System.Text;

namespace DingGate.Core.Texts;

/// <summary>The replies of the chat commands (markdown): /new, /stop, /status, /whoami, /help.</summary>
public static class SessionCommandTexts
{
    /// <summary>/new, /reset.</summary>
    public static readonly BotText Cleared = new("🆕 已开始新对话，之前的上下文和用量已清除。", "🆕 New session: the history and usage were cleared.");

    /// <summary>/stop with an answer running.</summary>
    public static readonly BotText Stopped = new("⏹️ 已停止当前回答。", "⏹️ Stopped.");

    /// <summary>/stop with nothing running.</summary>
    public static readonly BotText NothingRunning = new("当前没有正在进行的回答。", "Nothing is running.");

    /// <summary>The heading of /help.</summary>
    public static readonly BotText HelpTitle = new("**可用命令**", "**Commands**");

    /// <summary>The heading of the owners' part of /help.</summary>
    public static readonly BotText HelpOwnersTitle = new("**管理员命令**（仅 owners 可用，在与我的单聊中发送）", "**Owner commands** (owners only, in a 1:1 chat with me)");

    /// <summary>The line about the bare stop word in /help; {0}: the word.</summary>
    public static readonly BotText HelpBareStop = new("直接发送“{0}”也会停止当前回答。", "Sending just \"{0}\" stops the answer too.");

    /// <summary>The commands /help lists, in order: usage (English name and arguments) and what it does.</summary>
    public static readonly IReadOnlyList<(string Name, string Arguments, BotText Description)> Commands =
    [
        (CommandNames.New, string.Empty, new("开始新对话，清除上下文和用量", "start over: clear the history and usage")),
        (CommandNames.Reset, string.Empty, new("同 /new", "same as /new")),
        (CommandNames.Stop, string.Empty, new("停止当前回答", "stop the answer being written")),
        (CommandNames.Status, string.Empty, new("会话状态：智能体、模型、消息数、用量、排队", "session state: agent, model, history, tokens, queue")),
        (CommandNames.Jobs, string.Empty, new("你的定时任务；`/jobs remove <id>` 删除一个", "your scheduled jobs; `/jobs remove <id>` removes one")),
        (CommandNames.WhoAmI, string.Empty, new("显示你的 ID，用于配置 allowFrom / groups", "your ids, for allowFrom / groups")),
        (CommandNames.Help, string.Empty, new("显示本帮助", "this help")),
    ];

    /// <summary>The owner commands /help lists.</summary>
    public static readonly IReadOnlyList<(string Name, string Arguments, BotText Description)> OwnerCommands =
    [
        (CommandNames.Approve, " CODE", new("批准配对请求", "approve a pairing request")),
        (CommandNames.Deny, " CODE", new("拒绝配对请求", "deny a pairing request")),
        (CommandNames.Allow, " <staffId>", new("允许该员工使用我", "let a staff id use me")),
        (CommandNames.Revoke, " <staffId>", new("取消该员工的使用权限", "take a staff id's access away")),
        (CommandNames.Pending, string.Empty, new("等待批准的配对请求", "the pairing requests waiting")),
        (CommandNames.Gateway, string.Empty, new("网关状态：账号、连接、额度、未送达的回复", "gateway state: accounts, link, quota, undelivered replies")),
    ];

    /// <summary>/help: the commands with their aliases, the bare stop word, and the owners' commands.</summary>
    public static string Help(BotLocale locale)
    {
        var text = new StringBuilder().AppendLine(HelpTitle.For(locale)).AppendLine();
        foreach (var command in Commands)
        {
            text.AppendLine(Line(command, locale));
        }

        text.AppendLine().AppendLine(HelpBareStop.Format(locale, CommandNames.BareStopWords[0])).AppendLine();
        text.AppendLine(HelpOwnersTitle.For(locale)).AppendLine();
        text.AppendJoin('\n', OwnerCommands.Select(c => Line(c, locale)));
        return text.ToString();
    }

    /// <summary>The heading of /status.</summary>
    public static readonly BotText StatusTitle = new("**会话状态**", "**Status**");

    /// <summary>/status lines; {0}: the value.</summary>
    public static readonly BotText StatusAgent = new("- 智能体：`{0}`", "- Agent: `{0}`");

    /// <summary>{0}: provider/model.</summary>
    public static readonly BotText StatusModel = new("- 模型：`{0}`", "- Model: `{0}`");

    /// <summary>{0}: the session key.</summary>
    public static readonly BotText StatusSession = new("- 会话：`{0}`", "- Session: `{0}`");

    /// <summary>{0}: the messages kept.</summary>
    public static readonly BotText StatusMessages = new("- 历史消息数：{0}", "- Messages in history: {0}");

    /// <summary>{0}: input tokens; {1}: output tokens.</summary>
    public static readonly BotText StatusTokens = new("- 用量：输入 {0} tokens，输出 {1} tokens", "- Tokens used: {0} input, {1} output");

    /// <summary>{0}: running (<see cref="StatusRunning"/> or <see cref="StatusIdle"/>); {1}: waiting.</summary>
    public static readonly BotText StatusQueue = new("- 排队：{0}，{1} 条等待", "- Queue: {0}, {1} waiting");

    /// <summary>A turn is running.</summary>
    public static readonly BotText StatusRunning = new("1 条进行中", "1 running");

    /// <summary>No turn is running.</summary>
    public static readonly BotText StatusIdle = new("空闲", "idle");

    /// <summary>{0}: the start time (UTC).</summary>
    public static readonly BotText StatusStarted = new("- 开始于：{0} UTC", "- Started: {0} UTC");

    /// <summary>The heading of /whoami.</summary>
    public static readonly BotText WhoAmITitle = new("**你的 ID**", "**Your ids**");

    /// <summary>{0}: the staff id or <see cref="WhoAmINoStaffId"/>.</summary>
    public static readonly BotText WhoAmIStaffId = new("- 员工 ID（allowFrom 用）：`{0}`", "- Sender staff id (allowFrom): `{0}`");

    /// <summary>No staff id: an external user.</summary>
    public static readonly BotText WhoAmINoStaffId = new("（无：外部用户）", "(none: external user)");

    /// <summary>{0}: the sender id.</summary>
    public static readonly BotText WhoAmISenderId = new("- 发送者 ID：`{0}`", "- Sender id: `{0}`");

    /// <summary>{0}: the conversation id.</summary>
    public static readonly BotText WhoAmIConversationId = new("- 会话 ID（groups 用）：`{0}`", "- Conversation id (groups): `{0}`");

    /// <summary>{0}: <see cref="WhoAmIGroup"/> or <see cref="WhoAmIDirect"/>.</summary>
    public static readonly BotText WhoAmIConversationType = new("- 会话类型：`{0}`", "- Conversation type: `{0}`");

    /// <summary>A group chat.</summary>
    public static readonly BotText WhoAmIGroup = new("群聊", "group");

    /// <summary>A 1:1 chat.</summary>
    public static readonly BotText WhoAmIDirect = new("单聊", "direct");

    /// <summary>{0}: the account id.</summary>
    public static readonly BotText WhoAmIAccount = new("- 账号：`{0}`", "- Account: `{0}`");

    private static string Line((string Name, string Arguments, BotText Description) command, BotLocale locale)
    {
        var aliases = CommandNames.AliasesOf(command.Name);
        var also = aliases.Count == 0 ? string.Empty : (locale == BotLocale.En ? " (" : "（") + string.Join(locale == BotLocale.En ? ", " : "、", aliases.Select(a => $"`/{a}`")) + (locale == BotLocale.En ? ")" : "）");
        return $"- `/{command.Name}{command.Arguments}`{also} — {command.Description.For(locale)}";
    }
}
