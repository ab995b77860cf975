using DingGate.Core.Storage;
using DingGate.Core.Texts;

namespace DingGate.DingTalk.Policies.Owners;

/// <summary>
/// The variables of the pairing-request card (<c>ownerCardTemplateId</c>; docs/operations.md, "Owner admin in
/// DingTalk"): <c>title</c>, <c>content</c> (markdown: who asks, the code, and the <c>/approve</c> line for owners who
/// prefer text), <c>status</c> (waiting, or the decision), <c>code</c>, <c>decided</c> (<c>"true"</c> once decided: the
/// template hides its buttons). The buttons' "回传请求" actions carry the action ids <c>approve</c> and <c>deny</c>.
/// </summary>
internal static class OwnerCardVariables
{
    public const string ApproveAction = "approve";
    public const string DenyAction = "deny";

    /// <summary>The card as first sent.</summary>
    public static Dictionary<string, string> Initial(OwnerApproval approval, BotLocale locale) => new(StringComparer.Ordinal)
    {
        ["title"] = OwnerAdminTexts.CardTitle.For(locale),
        ["content"] = RequestLine(approval, locale),
        ["status"] = OwnerAdminTexts.CardWaiting.For(locale),
        ["code"] = approval.Code,
        ["decided"] = "false",
    };

    /// <summary>The update once decided (by key: title and content stay).</summary>
    public static Dictionary<string, string> Decided(OwnerApproval approval, BotLocale locale) => new(StringComparer.Ordinal)
    {
        ["status"] = StatusLine(approval, locale),
        ["decided"] = "true",
    };

    /// <summary>The text line sent to the owners (and shown on the card).</summary>
    public static string RequestLine(OwnerApproval approval, BotLocale locale) => OwnerAdminTexts.RequestLine.Format(locale, Who(approval.Nick, approval.UserId), approval.Code);

    /// <summary>"张三（user003）", or the id alone without a name.</summary>
    public static string Who(string? nick, string userId) =>
        string.IsNullOrWhiteSpace(nick) || string.Equals(nick.Trim(), userId, StringComparison.Ordinal) ? userId : $"{nick.Trim()}（{userId}）";

    /// <summary>The decision as the card's status line shows it.</summary>
    public static string StatusLine(OwnerApproval approval, BotLocale locale) => approval.Decision switch
    {
        OwnerDecision.Approved => OwnerAdminTexts.CardApproved.Format(locale, approval.DecidedBy),
        OwnerDecision.Denied => OwnerAdminTexts.CardDenied.Format(locale, approval.DecidedBy),
        OwnerDecision.Gone => OwnerAdminTexts.CardGone.For(locale),
        _ => OwnerAdminTexts.CardWaiting.For(locale),
    };

    /// <summary>The decision a click asks for: an action id (or <c>params.action</c>/<c>params.value</c>) naming approve or deny; null for another button.</summary>
    public static OwnerDecision? ActionOf(Replies.Cards.CardCallbackClick click)
    {
        var words = click.ActionIds.Concat(click.Params.Where(p => p.Key is "action" or "value").Select(p => p.Value)).ToList();
        if (words.Any(w => w.Contains(ApproveAction, StringComparison.OrdinalIgnoreCase)))
        {
            return OwnerDecision.Approved;
        }

        return words.Any(w => w.Contains(DenyAction, StringComparison.OrdinalIgnoreCase) || w.Contains("reject", StringComparison.OrdinalIgnoreCase))
            ? OwnerDecision.Denied
            : null;
    }
}
