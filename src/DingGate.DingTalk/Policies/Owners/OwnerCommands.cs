using System.Text;
using DingGate.Core.Inbound;
using DingGate.Core.Storage;
using DingGate.Core.Texts;

namespace DingGate.DingTalk.Policies.Owners;

/// <summary>
/// Runs an owner command of a sender who is an owner, in a DM, and returns the answer (sent by the caller through the
/// reply path): <c>/approve</c>, <c>/deny</c> (<see cref="OwnerPairingDecisions"/>: the card of the request is updated
/// too), <c>/allow</c>, <c>/revoke</c> (the approved-senders set of <c>dinggate allow add|remove</c>), <c>/pending</c>,
/// <c>/gateway</c> (<see cref="OwnerGatewayReport"/>). Texts in the account's locale as it is now.
/// </summary>
internal sealed class OwnerCommands(LiveAccount live, OwnerPairingDecisions decisions, IPairingStore pairings, OwnerGatewayReport gateway, TimeProvider time)
{
    private const int MaxIdLength = 256;

    public async Task<string> RunAsync(OwnerCommand command, InboundMessage message, CancellationToken cancellationToken)
    {
        var locale = live.Current.Locale;
        var owner = string.IsNullOrWhiteSpace(message.Sender.Nick) ? message.Sender.StaffId ?? message.Sender.Id : message.Sender.Nick.Trim();
        return command.Kind switch
        {
            OwnerCommandKind.Approve or OwnerCommandKind.Deny when FirstWord(command.Argument) is null =>
                OwnerAdminTexts.Usage.Format(locale, command.Name + " <CODE>"),
            OwnerCommandKind.Approve => Answer(await decisions.DecideAsync(FirstWord(command.Argument)!, OwnerDecision.Approved, owner, cancellationToken), locale),
            OwnerCommandKind.Deny => Answer(await decisions.DecideAsync(FirstWord(command.Argument)!, OwnerDecision.Denied, owner, cancellationToken), locale),
            OwnerCommandKind.Allow or OwnerCommandKind.Revoke when UserId(command.Argument) is null => OwnerAdminTexts.Usage.Format(locale, command.Name + " <staffId>"),
            OwnerCommandKind.Allow => await AllowAsync(UserId(command.Argument)!, locale, cancellationToken),
            OwnerCommandKind.Revoke => await pairings.RevokeAsync(live.Id, UserId(command.Argument)!, cancellationToken)
                ? OwnerAdminTexts.Revoked.Format(locale, UserId(command.Argument))
                : OwnerAdminTexts.RevokeUnknown.Format(locale, UserId(command.Argument)),
            OwnerCommandKind.Pending => await PendingAsync(locale, cancellationToken),
            _ => await gateway.BuildAsync(locale, cancellationToken),
        };
    }

    private async Task<string> AllowAsync(string userId, BotLocale locale, CancellationToken cancellationToken)
    {
        await pairings.ApproveAsync(live.Id, userId, time.GetUtcNow(), cancellationToken);
        return OwnerAdminTexts.Allowed.Format(locale, userId);
    }

    private async Task<string> PendingAsync(BotLocale locale, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var pending = await pairings.ListPendingAsync(live.Id, now, cancellationToken);
        if (pending.Count == 0)
        {
            return OwnerAdminTexts.NoPending.For(locale);
        }

        var text = new StringBuilder(OwnerAdminTexts.PendingHeader.Format(locale, pending.Count));
        foreach (var request in pending.OrderBy(p => p.CreatedAt))
        {
            var minutes = (long)Math.Max(0, (now - request.CreatedAt).TotalMinutes);
            text.Append('\n').Append(OwnerAdminTexts.PendingLine.Format(locale, request.Code, OwnerCardVariables.Who(request.Nick, request.UserId), minutes));
        }

        return text.ToString();
    }

    private static string Answer(OwnerDecisionResult result, BotLocale locale) => result switch
    {
        OwnerDecisionResult.Decided { Approval: { Decision: OwnerDecision.Approved } a } =>
            OwnerAdminTexts.Approved.Format(locale, OwnerCardVariables.Who(a.Nick, a.UserId), a.Code),
        OwnerDecisionResult.Decided { Approval: var a } => OwnerAdminTexts.Denied.Format(locale, OwnerCardVariables.Who(a.Nick, a.UserId), a.Code),
        OwnerDecisionResult.AlreadyDecided { Approval: var a } => OwnerAdminTexts.AlreadyDecided.Format(locale, a.Code, OwnerCardVariables.StatusLine(a, locale)),
        OwnerDecisionResult.NotFound n => OwnerAdminTexts.CodeNotFound.Format(locale, n.Code.Length == 0 ? "?" : n.Code),
        _ => throw new InvalidOperationException("unknown decision result"),
    };

    private static string? FirstWord(string argument) =>
        argument.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [var first, ..] ? first : null;

    // A staff id (or encrypted sender id) as `dinggate allow add` accepts it: one word, no control characters, bounded.
    private static string? UserId(string argument) =>
        FirstWord(AllowFromList.Normalize(argument)) is { Length: > 0 and <= MaxIdLength } id && !id.Any(char.IsControl) ? id : null;
}
