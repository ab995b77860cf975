using DingGate.Core.Inbound;
using DingGate.Core.Texts;

namespace DingGate.DingTalk.Policies.Owners;

/// <summary>
/// Owner admin inside DingTalk for one account, as the inbound dispatcher uses it: the owner commands, the pairing
/// requests sent to the owners and the clicks on their cards. Owners are read from <see cref="LiveAccount.Current"/>
/// at each use.
/// </summary>
internal sealed class OwnerAdmin(
    LiveAccount live, OwnerCommands commands, OwnerPairingNotifier notifier, OwnerCardCallbacks cards, OwnerPairingDecisions decisions) : IDisposable
{
    public OwnerPairingNotifier Notifier { get; } = notifier;

    public OwnerCardCallbacks Cards { get; } = cards;

    /// <summary>
    /// At start, before the stream runs: finishes decisions left half shown (requester not told, card not updated), then
    /// sends the owners the pending requests they were not sent (a crash between issuing a code and telling them).
    /// </summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await decisions.FinishUnfinishedAsync(cancellationToken);
        await Notifier.NotifyPendingAsync(cancellationToken);
    }

    /// <summary>
    /// <c>dinggate pairing approve</c> through the running gateway: approved as by an owner (the same approver; a card of
    /// the request is updated, naming the operator). Returns the approved user id, or null when the code is not pending.
    /// </summary>
    public async Task<string?> ApproveByOperatorAsync(string code, CancellationToken cancellationToken) =>
        await decisions.DecideAsync(code, Core.Storage.OwnerDecision.Approved, OwnerAdminTexts.Operator.For(live.Current.Locale), cancellationToken)
            is OwnerDecisionResult.Decided { Approval: { Decision: Core.Storage.OwnerDecision.Approved } approval }
            ? approval.UserId
            : null;

    /// <summary>The owner command in <paramref name="message"/>, or null when it is none.</summary>
    public static OwnerCommand? CommandOf(InboundMessage message) => OwnerCommandParser.TryParse(message.Text);

    /// <summary>Whether the sender is an owner of the account now.</summary>
    public bool IsOwner(InboundMessage message) => OwnerList.Contains(live.Current, message.Sender);

    /// <summary>The answer to an owner's command: run in a DM, refused in a group (owners administer in a 1:1 chat).</summary>
    public async Task<string> AnswerOwnerAsync(OwnerCommand command, InboundMessage message, CancellationToken cancellationToken) =>
        message.Conversation == ConversationKind.Direct
            ? await commands.RunAsync(command, message, cancellationToken)
            : OwnerAdminTexts.DirectOnly.For(live.Current.Locale);

    /// <summary>The refusal a sender who is not an owner reads.</summary>
    public string Refusal => OwnerAdminTexts.OwnersOnly.For(live.Current.Locale);

    public void Dispose()
    {
        Notifier.Dispose();
        decisions.Dispose();
    }
}
