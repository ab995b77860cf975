using DingGate.Core.Storage;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Replies;
using DingGate.DingTalk.Replies.Cards;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Policies.Owners;

/// <summary>
/// Approves or denies a pairing code for an owner (card button or <c>/approve</c>, <c>/deny</c>) through the same
/// paths as <c>dinggate pairing approve</c> (<see cref="PairingApprover"/>: the approved set and the requester's
/// notice; <see cref="PairingService.DenyAsync"/>). With an <see cref="OwnerApproval"/> row (the request was sent to
/// the owners), each step happens once across clicks, redeliveries and crashes:
/// <list type="number">
/// <item>the decision is claimed in the row (first owner wins; a code no longer pending is claimed as gone);</item>
/// <item>the decided row is applied: approved → taken and approved, the requester told; denied → dropped, the
/// requester told; each marked when done, so a redo after a crash (the journaled click is resumed) finishes what is
/// left and repeats nothing that was marked;</item>
/// <item>the card (one instance, every owner's chat) is updated once with the decision line.</item>
/// </list>
/// Steps run one at a time per account, so a second click waits for the first and then finds everything done.
/// </summary>
internal sealed partial class OwnerPairingDecisions(
    LiveAccount live, PairingService pairing, PairingApprover approver, IPairingStore pairings, IOwnerApprovalStore approvals, AiCardClient cards,
    DirectTextSender sender, TimeProvider time, ILogger<OwnerPairingDecisions> logger, OwnerWorkScope? scope = null) : IDisposable
{
    private readonly OwnerWorkScope _scope = scope ?? OwnerWorkScope.All;

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<OwnerDecisionResult> DecideAsync(string code, OwnerDecision wanted, string owner, CancellationToken cancellationToken)
    {
        var normalized = (code ?? string.Empty).Trim().ToUpperInvariant();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var row = normalized.Length == 0 ? null : await approvals.FindAsync(live.Id, normalized, cancellationToken);
            if (row is null)
            {
                return await DecideWithoutRowAsync(normalized, wanted, cancellationToken);
            }

            var claimed = false;
            if (row.Decision == OwnerDecision.None)
            {
                var now = time.GetUtcNow();
                var pending = await pairings.FindPendingByUserAsync(live.Id, row.UserId, now, cancellationToken);
                var decision = pending is not null && string.Equals(pending.Code, row.Code, StringComparison.OrdinalIgnoreCase) ? wanted : OwnerDecision.Gone;
                claimed = await approvals.TryDecideAsync(live.Id, row.Code, decision, owner, now, _scope.Replica, cancellationToken);
                row = await approvals.FindAsync(live.Id, row.Code, cancellationToken) ?? row;
                if (claimed)
                {
                    LogDecided(live.Id, row.Code, row.UserId, row.Decision, owner);
                }
            }

            // A decision this one did not claim is shown by whoever did: here only if that is this replica or none live.
            if (claimed || ((await _scope.MayWorkOnAsync(cancellationToken))(row) && await _scope.TakeAsync(approvals, row, cancellationToken)))
            {
                await ApplyAsync(row, cancellationToken);
            }

            return claimed switch
            {
                true when row.Decision == OwnerDecision.Gone => new OwnerDecisionResult.NotFound(row.Code),
                true => new OwnerDecisionResult.Decided(row),
                false => new OwnerDecisionResult.AlreadyDecided(row),
            };
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>How long a decided request is still finished by <see cref="FinishUnfinishedAsync"/> (a card that cannot be updated is not retried forever).</summary>
    public static readonly TimeSpan FinishWindow = TimeSpan.FromDays(1);

    /// <summary>
    /// At start: finishes the decisions a crash (or a refused call) left half shown: the requester not told, the card not
    /// updated — with replicas, only those of this replica or of none live (<see cref="OwnerWorkScope"/>). Never throws
    /// but for cancellation.
    /// </summary>
    public async Task FinishUnfinishedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Replicas: a decision another live replica claimed is still being shown by it; leave it alone.
            var mayWorkOn = await _scope.MayWorkOnAsync(cancellationToken);
            foreach (var row in (await approvals.ListUnfinishedAsync(live.Id, time.GetUtcNow() - FinishWindow, cancellationToken)).Where(mayWorkOn))
            {
                if (await _scope.TakeAsync(approvals, row, cancellationToken))
                {
                    await ApplyAsync(row, cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFinishFailed(live.Id, ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    // The request was never sent to the owners (no owners then, or issued before this version): the plain paths.
    private async Task<OwnerDecisionResult> DecideWithoutRowAsync(string code, OwnerDecision wanted, CancellationToken cancellationToken)
    {
        if (code.Length == 0)
        {
            return new OwnerDecisionResult.NotFound(code);
        }

        var now = time.GetUtcNow();
        if (wanted == OwnerDecision.Approved)
        {
            return await approver.ApproveAsync(code, cancellationToken) is PairingApproval.Approved approved
                ? new OwnerDecisionResult.Decided(Row(approved.Request, OwnerDecision.Approved, now))
                : new OwnerDecisionResult.NotFound(code);
        }

        if (await pairing.DenyAsync(live.Id, code, now, cancellationToken) is not { } denied)
        {
            return new OwnerDecisionResult.NotFound(code);
        }

        await TellRequesterDeniedAsync(denied.Code, denied.UserId, cancellationToken);
        return new OwnerDecisionResult.Decided(Row(denied, OwnerDecision.Denied, now));
    }

    // Finishes what the row's decision still needs; idempotent (every step is marked when done).
    private async Task ApplyAsync(OwnerApproval row, CancellationToken cancellationToken)
    {
        if (row.RequesterToldAt is null && row.Decision is OwnerDecision.Approved or OwnerDecision.Denied)
        {
            var told = row.Decision == OwnerDecision.Approved
                ? await ApproveRowAsync(row, cancellationToken)
                : await DenyRowAsync(row, cancellationToken);
            if (told)
            {
                await approvals.MarkRequesterToldAsync(live.Id, row.Code, time.GetUtcNow(), cancellationToken);
            }
        }

        if (row.CardUpdatedAt is null && row.NotifiedBy == OwnerPairingNotifier.ByCard && row.Decision != OwnerDecision.None)
        {
            try
            {
                await cards.UpdateAsync(row.OutTrackId, OwnerCardVariables.Decided(row, live.Current.Locale), new ApiCallMeter(), cancellationToken);
                await approvals.MarkCardUpdatedAsync(live.Id, row.Code, time.GetUtcNow(), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogCardNotUpdated(live.Id, row.Code, row.OutTrackId, ex);
            }
        }
    }

    private async Task<bool> ApproveRowAsync(OwnerApproval row, CancellationToken cancellationToken)
    {
        try
        {
            if (await approver.ApproveAsync(row.Code, cancellationToken) is PairingApproval.Approved)
            {
                return true;
            }

            // Taken by an earlier attempt that stopped before the requester was told: approve (idempotent) and tell.
            await pairings.ApproveAsync(live.Id, row.UserId, time.GetUtcNow(), cancellationToken);
            await sender.SendAsync(row.UserId, Core.Texts.PairingTexts.Approved.For(live.Current.Locale), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRequesterNotTold(live.Id, row.Code, row.UserId, ex);
            return false;
        }
    }

    private async Task<bool> DenyRowAsync(OwnerApproval row, CancellationToken cancellationToken)
    {
        await pairing.DenyAsync(live.Id, row.Code, time.GetUtcNow(), cancellationToken);
        return await TellRequesterDeniedAsync(row.Code, row.UserId, cancellationToken);
    }

    private async Task<bool> TellRequesterDeniedAsync(string code, string userId, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(userId, Core.Texts.OwnerAdminTexts.RequesterDenied.For(live.Current.Locale), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRequesterNotTold(live.Id, code, userId, ex);
            return false;
        }
    }

    private static OwnerApproval Row(PairingRequest request, OwnerDecision decision, DateTimeOffset at) => new()
    {
        AccountId = request.AccountId, Code = request.Code, OutTrackId = string.Empty, UserId = request.UserId, Nick = request.Nick,
        CreatedAt = request.CreatedAt, ExpiresAt = request.ExpiresAt, Decision = decision, DecidedAt = at,
    };
}
