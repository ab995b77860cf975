using System.Globalization;
using System.Text;
using DingGate.Agent.Running;
using DingGate.Core.Inbound;
using DingGate.Core.Sessions;

namespace DingGate.Agent.Sessions.Commands;

// The replies of the commands (markdown).
internal static class SessionCommandTexts
{
    public const string Cleared = "🆕 已开始新对话，之前的上下文和用量已清除。(New session: history and usage cleared.)";

    public const string Stopped = "⏹️ 已停止当前回答。(Stopped.)";

    public const string NothingRunning = "当前没有正在进行的回答。(Nothing running.)";

    public const string Help =
        """
        **可用命令 (Commands)**

        - `/new` or `/reset` — 开始新对话，清除上下文 (start over: clear history and usage)
        - `/stop` — 停止当前回答 (stop the answer being written)
        - `/status` — 会话状态：模型、消息数、用量、排队 (agent, model, history, tokens, queue)
        - `/jobs` — 你的定时任务；`/jobs remove <id>` 删除 (your scheduled jobs; remove one)
        - `/whoami` — 显示你的 ID，用于配置 allowFrom / groups (your ids for allowFrom / groups)
        - `/help` — 显示本帮助 (this help)
        """;

    public static string Status(AgentInfo agent, SessionKey key, SessionStats stats, SessionQueueState queue)
    {
        var text = new StringBuilder()
            .AppendLine("**会话状态 (Status)**")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"- Agent: `{agent.AgentName}`")
            .AppendLine(CultureInfo.InvariantCulture, $"- Model: `{agent.Provider}/{agent.Model}`")
            .AppendLine(CultureInfo.InvariantCulture, $"- Session: `{key}`")
            .AppendLine(CultureInfo.InvariantCulture, $"- Messages in history: {stats.Messages}")
            .AppendLine(CultureInfo.InvariantCulture, $"- Tokens used: {stats.InputTokens} input, {stats.OutputTokens} output")
            .Append(CultureInfo.InvariantCulture, $"- Queue: {(queue.Running ? "1 running" : "idle")}, {queue.Pending} waiting");
        if (stats.StartedAt is { } started)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"- Started: {started:yyyy-MM-dd HH:mm:ss} UTC");
        }

        return text.ToString();
    }

    public static string WhoAmI(InboundMessage message)
    {
        var type = message.Conversation == ConversationKind.Group ? "group" : "direct";
        return new StringBuilder()
            .AppendLine("**你的 ID (Your ids)**")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"- Sender staff id (allowFrom): `{message.Sender.StaffId ?? "(none: external user)"}`")
            .AppendLine(CultureInfo.InvariantCulture, $"- Sender id: `{message.Sender.Id}`")
            .AppendLine(CultureInfo.InvariantCulture, $"- Conversation id (groups): `{message.ConversationId}`")
            .AppendLine(CultureInfo.InvariantCulture, $"- Conversation type: `{type}`")
            .Append(CultureInfo.InvariantCulture, $"- Account: `{message.AccountId}`")
            .ToString();
    }
}
