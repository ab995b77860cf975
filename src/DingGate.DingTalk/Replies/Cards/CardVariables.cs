using DingGate.Core.Configuration;

namespace DingGate.DingTalk.Replies.Cards;

/// <summary>
/// The <c>cardParamMap</c>s of one account's cards at each step, as the official clients of the built-in template
/// send them (SDK-py <c>AIMarkdownCardInstance</c>, DingTalk's OpenClaw connector <c>card.ts</c>):
/// create with <c>flowStatus</c> "1", INPUTING ("2") before the first streaming update, FINISHED ("3") or FAILED ("5")
/// with the whole answer at the end. The built-in template also gets <c>staticMsgContent</c>,
/// <c>sys_full_json_obj</c> (its layout order) and <c>config</c> (auto layout). Every card carries the stop-button
/// switches user-built AI templates use (<c>stop_action</c>, <c>hasAction</c>, soimy/openclaw-channel-dingtalk
/// PR #444/#448): "true" while the answer runs, "false" in the final update so the button goes away. A template
/// without them ignores them (the card platform stores any public variable).
/// </summary>
internal static class CardVariables
{
    public const string StopAction = "stop_action";
    public const string HasAction = "hasAction";

    private const string StaticContent = "staticMsgContent";
    private const string LayoutOrder = "sys_full_json_obj";
    private const string Config = "config";
    private const string AutoLayout = """{"autoLayout":true}""";

    public static Dictionary<string, string> Create(DingTalkAccount account)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [account.CardTemplateKey] = string.Empty,
            [CardFlowStatus.Key] = CardFlowStatus.Processing,
            [StopAction] = "true",
            [HasAction] = "true",
        };
        if (IsBuiltIn(account))
        {
            map[Config] = AutoLayout;
        }

        return map;
    }

    public static Dictionary<string, string> Inputing(DingTalkAccount account, string content) =>
        WithLayout(account, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CardFlowStatus.Key] = CardFlowStatus.Inputing,
            [account.CardTemplateKey] = content,
        });

    /// <summary>FINISHED or FAILED with the whole answer, the stop button hidden.</summary>
    public static Dictionary<string, string> Final(DingTalkAccount account, string flowStatus, string content) =>
        WithLayout(account, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CardFlowStatus.Key] = flowStatus,
            [account.CardTemplateKey] = content,
            [StopAction] = "false",
            [HasAction] = "false",
        });

    private static bool IsBuiltIn(DingTalkAccount account) =>
        string.Equals(account.CardTemplateId, DingTalkAccount.DefaultCardTemplateId, StringComparison.Ordinal);

    private static Dictionary<string, string> WithLayout(DingTalkAccount account, Dictionary<string, string> map)
    {
        if (IsBuiltIn(account))
        {
            map[StaticContent] = string.Empty;
            map[LayoutOrder] = $$"""{"order":["{{account.CardTemplateKey}}"]}""";
            map[Config] = AutoLayout;
        }

        return map;
    }
}
