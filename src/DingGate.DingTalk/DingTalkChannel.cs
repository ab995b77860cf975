using DingGate.Core.Configuration;
using DingGate.Core.Replies;
using DingGate.DingTalk.Quota;
using DingGate.DingTalk.Stream;

namespace DingGate.DingTalk;

/// <summary>
/// The DingTalk channel: every enabled account of <c>channels.dingtalk</c>, each with its own connection, token, rate
/// limiter, dedup namespace and logger scope. A thin orchestrator: it starts the accounts and waits for them.
/// </summary>
public sealed class DingTalkChannel : IMessageSender, IDisposable
{
    private readonly IReadOnlyList<DingTalkAccountRuntime> _accounts;
    private readonly QuotaGovernor? _quota;

    internal DingTalkChannel(DingTalkChannelOptions options, DingTalkAccountRuntimeFactory factory, QuotaGovernor? quota = null)
    {
        // The owners' /gateway reads every account's link state: this channel's, once it runs.
        _accounts = options.Settings.Resolve().Where(a => a.Enabled).Select(a => factory.Create(a, () => Statuses)).ToList();
        _quota = quota;
    }

    /// <summary>The monthly OpenAPI budget of the accounts (used, forecast, step per quota group).</summary>
    public QuotaGovernor? Quota => _quota;

    /// <summary>The per-account runtimes (tests reach an account's parts through it).</summary>
    internal IReadOnlyList<DingTalkAccountRuntime> Runtimes => _accounts;

    /// <summary>The accounts that run (enabled ones).</summary>
    public IReadOnlyList<DingTalkAccount> Accounts => _accounts.Select(a => a.Account).ToList();

    /// <summary>Connection state of each account (for status, health and readiness).</summary>
    public IReadOnlyList<StreamStatus> Statuses => _accounts.Select(a => a.Status).ToList();

    /// <summary>
    /// Completes, with every account's status, once every account has <see cref="StreamConnectionState.Failed"/>:
    /// DingTalk rejected the credentials of each, so none can ever connect (the state is final). Never completes while
    /// one account can still connect; cancelled with <paramref name="cancellationToken"/>.
    /// </summary>
    public async Task<IReadOnlyList<StreamStatus>> WhenAllFailedAsync(CancellationToken cancellationToken)
    {
        var allFailed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(object? sender, StreamStatus changed)
        {
            if (_accounts.Count > 0 && _accounts.All(a => a.Status.State == StreamConnectionState.Failed))
            {
                allFailed.TrySetResult();
            }
        }

        foreach (var account in _accounts)
        {
            account.StatusChanged += Check;
        }

        try
        {
            // Subscribed first, then checked: a failure just before the subscription is not missed.
            Check(this, null!);
            await allFailed.Task.WaitAsync(cancellationToken);
            return Statuses;
        }
        finally
        {
            foreach (var account in _accounts)
            {
                account.StatusChanged -= Check;
            }
        }
    }

    /// <summary>Runs every account until cancelled; an account that fails does not stop the others.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_quota is null)
        {
            await Task.WhenAll(_accounts.Select(a => a.RunAsync(cancellationToken)));
            return;
        }

        // The month's count is loaded before the first reply picks card or markdown; the governor writes its counts and
        // sends the step warnings for as long as the accounts run, and stores what is left when they stop.
        await _quota.LoadAsync(cancellationToken);
        using var stopQuota = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var governor = _quota.RunAsync(this, stopQuota.Token);
        try
        {
            await Task.WhenAll(_accounts.Select(a => a.RunAsync(cancellationToken)));
        }
        finally
        {
            await stopQuota.CancelAsync();
            await governor;
        }
    }

    /// <summary>
    /// Approves a pairing code of an account: the sender joins the approved set and is told so in their 1:1 chat.
    /// Returns the approved user id, or null when the code is unknown or expired. Unknown account → ArgumentException.
    /// </summary>
    public async Task<string?> ApprovePairingAsync(string accountId, string code, CancellationToken cancellationToken)
    {
        var runtime = Find(accountId);
        if (runtime.Owners is { } owners)
        {
            // As an owner's approval, so the owners' card of the request shows it too.
            return await owners.ApproveByOperatorAsync(code, cancellationToken);
        }

        return await runtime.Pairing.ApproveAsync(code, cancellationToken) is Policies.PairingApproval.Approved approved ? approved.Request.UserId : null;
    }

    /// <summary>
    /// Sends <paramref name="message"/> (text then files) to <paramref name="target"/> through account
    /// <paramref name="accountId"/>. Invalid, unknown or throttled targets and files DingTalk would refuse throw a
    /// <see cref="MessageSendException"/> naming the target; an unknown account throws an <see cref="ArgumentException"/>.
    /// </summary>
    public Task<SendReceipt> SendAsync(string accountId, MessageTarget target, OutboundMessage message, CancellationToken cancellationToken) =>
        Find(accountId).Proactive.SendAsync(target, message, cancellationToken);

    /// <summary>Releases the accounts' HTTP clients.</summary>
    public void Dispose()
    {
        foreach (var account in _accounts)
        {
            account.Dispose();
        }
    }

    private DingTalkAccountRuntime Find(string accountId) =>
        _accounts.FirstOrDefault(a => a.Account.Id == accountId)
        ?? throw new ArgumentException($"No enabled DingTalk account '{accountId}' (known: {string.Join(", ", _accounts.Select(a => a.Account.Id))}).", nameof(accountId));
}
