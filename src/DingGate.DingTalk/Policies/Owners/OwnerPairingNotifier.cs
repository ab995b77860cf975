using DingGate.Core.Storage;
using DingGate.DingTalk.Quota;
using DingGate.DingTalk.Replies;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Policies.Owners;

/// <summary>
/// Sends every pending pairing request of the account that the owners have not been sent yet, once:
/// <list type="bullet">
/// <item>with <c>ownerCardTemplateId</c>: ONE card (Approve/Deny buttons, the <c>/approve CODE</c> line in its text)
/// delivered to every owner's 1:1 chat in one <c>createAndDeliver</c> call; an owner the card did not reach, or all
/// of them when the card API fails or the quota has turned cards off, gets the text line instead;</item>
/// <item>without it: the text line, one robot message per owner.</item>
/// </list>
/// Driven by the pending requests themselves, not by the moment a code is issued: <see cref="NotifyPendingAsync"/> runs
/// after every pairing decision and once at start, so a crash between issuing a code and telling the owners is made good
/// at the next start. With replicas, a row another live replica wrote (its notice in flight) is left to it
/// (<see cref="OwnerWorkScope"/>). The row (<see cref="IOwnerApprovalStore"/>) is written before the send and marked after it; a
/// resend after a crash in between re-creates the same card id (DingTalk answers <c>param.cardAlreadyExist</c>: nothing
/// new is shown) or, for the text line, repeats one line. A request writing again with its pending code sends nothing.
/// </summary>
internal sealed partial class OwnerPairingNotifier(
    LiveAccount live, IPairingStore pairings, IOwnerApprovalStore approvals, OwnerCardClient cards, DirectTextSender sender, TimeProvider time,
    ILogger<OwnerPairingNotifier> logger, QuotaGovernor? quota = null, OwnerWorkScope? scope = null) : IDisposable
{
    private readonly OwnerWorkScope _scope = scope ?? OwnerWorkScope.All;

    public const string ByCard = "card";
    public const string ByText = "text";

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Notifies the owners of every pending request not yet sent; never throws but for cancellation (failures are logged, retried next time).</summary>
    public async Task NotifyPendingAsync(CancellationToken cancellationToken)
    {
        var account = live.Current;
        var owners = OwnerList.Of(account);
        if (owners.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var pending = await pairings.ListPendingAsync(account.Id, time.GetUtcNow(), cancellationToken);
            var mayWorkOn = pending.Count == 0 ? null : await _scope.MayWorkOnAsync(cancellationToken);
            foreach (var request in pending)
            {
                await NotifyAsync(account, owners, request, mayWorkOn!, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSweepFailed(account.Id, ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task NotifyAsync(
        Core.Configuration.DingTalkAccount account, IReadOnlyList<string> owners, PairingRequest request, Func<OwnerApproval, bool> mayWorkOn, CancellationToken cancellationToken)
    {
        var row = await approvals.FindAsync(account.Id, request.Code, cancellationToken);
        if (row is null)
        {
            await approvals.AddAsync(
                new OwnerApproval
                {
                    AccountId = account.Id, Code = request.Code, OutTrackId = "pairing_" + Guid.NewGuid().ToString("N"), UserId = request.UserId,
                    Nick = request.Nick, CreatedAt = request.CreatedAt, ExpiresAt = request.ExpiresAt, WorkedBy = _scope.Replica,
                },
                cancellationToken);
            row = await approvals.FindAsync(account.Id, request.Code, cancellationToken);
        }

        // Replicas: a notice another live replica is sending (its row, not marked yet) is left to it.
        if (row is null || row.NotifiedAt is not null || row.Decision != OwnerDecision.None || !mayWorkOn(row)
            || !await _scope.TakeAsync(approvals, row, cancellationToken))
        {
            return;
        }

        var locale = account.Locale;
        var byCard = false;
        IReadOnlyList<string> textOwners = owners;
        if (account.OwnerCardTemplateId is { Length: > 0 } template && quota?.StepFor(account.Id) is not (>= QuotaStep.CardsOff))
        {
            try
            {
                textOwners = await cards.CreateAndDeliverAsync(account, template, row.OutTrackId, owners, OwnerCardVariables.Initial(row, locale), cancellationToken);
                byCard = true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogCardFailed(account.Id, request.Code, ex);
            }
        }

        var line = OwnerCardVariables.RequestLine(row, locale);
        var texted = 0;
        foreach (var owner in textOwners)
        {
            try
            {
                await sender.SendAsync(owner, line, cancellationToken);
                texted++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogTextFailed(account.Id, request.Code, owner, ex);
            }
        }

        if (byCard || texted > 0)
        {
            await approvals.MarkNotifiedAsync(account.Id, row.Code, byCard ? ByCard : ByText, time.GetUtcNow(), cancellationToken);
            LogNotified(account.Id, row.Code, owners.Count, byCard ? ByCard : ByText, texted);
        }
    }
}
