namespace DingGate.Core.Texts;

/// <summary>
/// What the bot says for owner admin inside DingTalk: the pairing request sent to the owners (card and text line), the
/// card's decision line, the requester's refusal, and the answers to the owner commands (<c>/approve</c>, <c>/deny</c>,
/// <c>/allow</c>, <c>/revoke</c>, <c>/pending</c>, <c>/gateway</c>).
/// </summary>
public static class OwnerAdminTexts
{
    /// <summary>{0} who asks (name and id), {1} the code.</summary>
    public static readonly BotText RequestLine = new(
        "新的配对请求：{0}（配对码 {1}）。回复 /approve {1} 批准，或 /deny {1} 拒绝。",
        "New pairing request: {0} (code {1}). Reply /approve {1} to approve or /deny {1} to deny.");

    public static readonly BotText CardTitle = new("新的配对请求", "New pairing request");

    public static readonly BotText CardWaiting = new("⏳ 等待管理员批准", "⏳ Waiting for an owner");

    /// <summary>{0} the owner.</summary>
    public static readonly BotText CardApproved = new("✅ 已由 {0} 批准", "✅ Approved by {0}");

    /// <summary>{0} the owner.</summary>
    public static readonly BotText CardDenied = new("❌ 已由 {0} 拒绝", "❌ Denied by {0}");

    /// <summary>Who decided, on the card, when it was <c>dinggate pairing approve</c> (through the running gateway).</summary>
    public static readonly BotText Operator = new("管理员（命令行）", "an operator (CLI)");

    public static readonly BotText CardGone = new("⌛ 这个请求已过期或已在别处处理", "⌛ This request expired or was handled elsewhere");

    /// <summary>The requester's notice when an owner denied the request.</summary>
    public static readonly BotText RequesterDenied = new(
        "抱歉，你的配对请求没有通过。如有需要，请直接联系机器人的管理员。",
        "Sorry, your pairing request was not approved. Please contact the bot's owner if you need access.");

    public static readonly BotText OwnersOnly = new("这个命令只有机器人的管理员可以使用。", "Only the bot's owners can use this command.");

    public static readonly BotText DirectOnly = new(
        "管理员命令只能在与机器人的单聊中使用。", "Owner commands work only in a 1:1 chat with the bot.");

    /// <summary>{0} the command's form.</summary>
    public static readonly BotText Usage = new("用法：{0}", "Usage: {0}");

    /// <summary>{0} who, {1} the code.</summary>
    public static readonly BotText Approved = new("已批准 {0}（配对码 {1}），对方现在可以和我对话了。", "Approved {0} (code {1}); they can talk to me now.");

    /// <summary>{0} who, {1} the code.</summary>
    public static readonly BotText Denied = new("已拒绝 {0}（配对码 {1}）。", "Denied {0} (code {1}).");

    /// <summary>{0} the code, {1} the card's decision line.</summary>
    public static readonly BotText AlreadyDecided = new("配对码 {0} 已经处理过了：{1}", "Code {0} was already handled: {1}");

    /// <summary>{0} the code.</summary>
    public static readonly BotText CodeNotFound = new(
        "没有待批准的配对码 {0}：可能输错了、已过期（有效期 1 小时）或已处理。发送 /pending 查看待批准的请求。",
        "No pending pairing request with code {0}: mistyped, expired (codes last 1 hour) or already handled. Send /pending to see the waiting ones.");

    /// <summary>{0} the user id.</summary>
    public static readonly BotText Allowed = new("已允许 {0} 和我对话。", "{0} may now talk to me.");

    /// <summary>{0} the user id.</summary>
    public static readonly BotText Revoked = new("已取消 {0} 的使用权限。", "{0} may no longer talk to me.");

    /// <summary>{0} the user id.</summary>
    public static readonly BotText RevokeUnknown = new(
        "{0} 不在已批准的名单里（配置文件里的 allowFrom 不受这个命令影响）。",
        "{0} is not among the approved senders (allowFrom in the config file is not changed by this command).");

    public static readonly BotText NoPending = new("没有待批准的配对请求。", "No pairing requests are waiting.");

    /// <summary>{0} how many.</summary>
    public static readonly BotText PendingHeader = new("待批准的配对请求（{0} 个）：", "Pairing requests waiting ({0}):");

    /// <summary>{0} the code, {1} who, {2} minutes ago.</summary>
    public static readonly BotText PendingLine = new("- {0}：{1}，{2} 分钟前", "- {0}: {1}, {2} min ago");

    public static readonly BotText GatewayHeader = new("网关状态", "Gateway status");

    /// <summary>{0} account id, {1} link state.</summary>
    public static readonly BotText GatewayAccount = new("- 账号 {0}：{1}", "- Account {0}: {1}");

    /// <summary>{0} quota group, {1} used, {2} budget, {3} percent, {4} step.</summary>
    public static readonly BotText GatewayQuota = new("- 本月 API 调用（{0}）：{1}/{2}（{3}%，{4}）", "- API calls this month ({0}): {1}/{2} ({3}%, {4})");

    /// <summary>{0} undelivered answers of this account.</summary>
    public static readonly BotText GatewayUndelivered = new("- 未送达的回复：{0}", "- Undelivered replies: {0}");

    public static readonly BotText LinkConnected = new("已连接", "connected");

    public static readonly BotText LinkConnecting = new("正在连接", "connecting");

    public static readonly BotText LinkRetrying = new("连接中断，正在重试", "link down, retrying");

    public static readonly BotText LinkFailed = new("连接失败（凭据被拒绝）", "failed (credentials refused)");

    public static readonly BotText LinkStopped = new("已停止", "stopped");
}
