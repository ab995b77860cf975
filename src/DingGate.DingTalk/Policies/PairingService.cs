using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Storage;
using DingGate.Core.Texts;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Policies;

/// <summary>
/// Pairing of unknown 1:1 senders (<c>dmPolicy: pairing</c>): issues a code the sender shows to an owner, who approves
/// it (<c>dinggate pairing approve &lt;code&gt;</c>). Codes live <see cref="CodeLifetime"/>. Caps, so strangers cannot
/// lock others out: a sender has at most <see cref="MaxPendingPerSender"/> pending code (writing again shows the same
/// code); an account keeps at most <see cref="MaxPendingPerAccount"/> unexpired pending codes, and a newcomer beyond
/// that always gets a code while the oldest pending one expires early (its sender gets a new code when writing again).
/// Requests and approvals are kept by the <see cref="IPairingStore"/>.
/// </summary>
internal sealed partial class PairingService(IPairingStore store, PairingCodeGenerator codes, ILogger<PairingService> logger) : IDisposable
{
    public const int MaxPendingPerSender = 1;
    public const int MaxPendingPerAccount = 20;
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromHours(1);

    // Check-then-add must not interleave between senders (messages of different conversations run in parallel).
    private readonly SemaphoreSlim _issueGate = new(1, 1);

    /// <summary>
    /// Returns <see cref="PolicyDecision.PairingPending"/> with the sender's unexpired code, else stores a new request
    /// (the account's oldest pending ones expiring early when it already has <see cref="MaxPendingPerAccount"/>) and
    /// returns <see cref="PolicyDecision.PairingIssued"/>.
    /// </summary>
    public async Task<PolicyDecision> IssueAsync(DingTalkAccount account, InboundMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var userId = SenderUserId.Of(message.Sender);
        await _issueGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await store.FindPendingByUserAsync(account.Id, userId, now, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return new PolicyDecision.PairingPending(existing.Code, PairingTexts.Pending.Format(account.Locale, existing.Code));
            }

            var pending = await store.ListPendingAsync(account.Id, now, cancellationToken).ConfigureAwait(false);
            var code = codes.Next();
            while (pending.Any(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase)))
            {
                code = codes.Next();
            }

            var request = new PairingRequest(account.Id, code, userId, message.Sender.Nick, message.ConversationId, now, now + CodeLifetime);
            var expired = await store.AddPendingAsync(request, MaxPendingPerAccount, cancellationToken).ConfigureAwait(false);
            foreach (var old in expired)
            {
                LogExpiredEarly(account.Id, old.UserId, old.Code, MaxPendingPerAccount, userId);
            }

            LogIssued(account.Id, userId, code, request.ExpiresAt);
            return new PolicyDecision.PairingIssued(code, PairingTexts.Issued.Format(account.Locale, code, userId));
        }
        finally
        {
            _issueGate.Release();
        }
    }

    /// <summary>Takes the pending request with <paramref name="code"/> (any case) and approves its user.</summary>
    public async Task<PairingApproval> ApproveAsync(string accountId, string code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var normalized = Normalize(code);
        var request = normalized.Length == 0 ? null : await store.TakePendingAsync(accountId, normalized, now, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return new PairingApproval.NotFound(
                normalized, $"No pending pairing request with code '{normalized}' for account '{accountId}': unknown, already handled or expired (codes last {CodeLifetime.TotalHours:0} h; with more than {MaxPendingPerAccount} waiting, the oldest expire first).");
        }

        await store.ApproveAsync(accountId, request.UserId, now, cancellationToken).ConfigureAwait(false);
        LogApproved(accountId, request.UserId, request.Code);
        return new PairingApproval.Approved(request);
    }

    /// <summary>Drops the pending request with <paramref name="code"/>; returns it, or null when there was none.</summary>
    public async Task<PairingRequest?> DenyAsync(string accountId, string code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var normalized = Normalize(code);
        var request = normalized.Length == 0 ? null : await store.TakePendingAsync(accountId, normalized, now, cancellationToken).ConfigureAwait(false);
        if (request is not null)
        {
            LogDenied(accountId, request.UserId, request.Code);
        }

        return request;
    }

    public void Dispose() => _issueGate.Dispose();

    private static string Normalize(string? code) => (code ?? string.Empty).Trim().ToUpperInvariant();
}
