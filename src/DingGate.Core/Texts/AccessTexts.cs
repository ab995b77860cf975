namespace DingGate.Core.Texts;

/// <summary>What a sender reads when the access policy does not let the message through; each names the id to allow.</summary>
public static class AccessTexts
{
    /// <summary>{0}: the sender's user id.</summary>
    public static readonly BotText NotEnabled = new(
        "抱歉，我还没有为你开通。请让管理员运行：dinggate allow add {0}",
        "Sorry, I'm not enabled for you yet. Ask the owner to run: dinggate allow add {0}");

    /// <summary>{0}: the sender's user id; {1}: the group's conversation id.</summary>
    public static readonly BotText NotInGroupAllowFrom = new(
        "抱歉，我在这个群里还没有为你开通。请让管理员把 {0} 加入群 {1} 的 groupAllowFrom。",
        "Sorry, I'm not enabled for you in this group yet. Ask the owner to add {0} to groupAllowFrom of group {1}.");

    /// <summary>{0}: the group's conversation id.</summary>
    public static readonly BotText GroupNotListed = new(
        "抱歉，我在这个群里还没有开通。请让管理员把本群（{0}）加到 channels.dingtalk.groups 下。",
        "Sorry, I'm not enabled in this group yet. Ask the owner to add this group ({0}) under channels.dingtalk.groups.");
}
