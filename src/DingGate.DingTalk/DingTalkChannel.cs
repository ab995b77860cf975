using System.Threading.Channels;
using DingGate.Core.Configuration;
using DingGate.Core.Replies;
using DingGate.DingTalk.Quota;
using DingGate.DingTalk.Stream;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DingGate.DingTalk;

/// <summary>
/// The DingTalk channel: every enabled account of <c>channels.dingtalk</c>, each with its own connection, token, rate
/// limiter, dedup namespace and logger scope. A thin orchestrator: it starts the accounts and waits for them, and
/// applies reloaded settings (<see cref="Apply"/>) per account: in place, or by reconnecting, starting or stopping only
/// the accounts whose credentials, endpoints or connection settings changed.
/// </summary>
public sealed partial class DingTalkChannel : IMessageSender, IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<AccountRun> _runs;
    private readonly List<AccountRun> _retiring = [];
    private readonly DingTalkAccountRuntimeFactory _factory;
    private readonly QuotaGovernor? _quota;
    private readonly ILogger _logger;
    private readonly Channel<DingTalkChannelSettings> _reloads =
        Channel.CreateBounded<DingTalkChannelSettings>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private CancellationToken _running;
    private bool _started;

    internal DingTalkChannel(DingTalkChannelOptions options, DingTalkAccountRuntimeFactory factory, QuotaGovernor? quota = null, ILogger<DingTalkChannel>? logger = null)
    {
        _factory = factory;
        _quota = quota;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _runs = [.. options.Settings.Resolve().Where(a => a.Enabled).Select(Create)];
    }

    /// <summary>Raised (synchronously) whenever the connection state of one of the accounts changes.</summary>
    private event EventHandler<StreamStatus>? AccountStatusChanged;

    /// <summary>The monthly OpenAPI budget of the accounts (used, forecast, step per quota group).</summary>
    public QuotaGovernor? Quota => _quota;

    /// <summary>The per-account runtimes (tests reach an account's parts through it).</summary>
    internal IReadOnlyList<DingTalkAccountRuntime> Runtimes
    {
        get
        {
            lock (_gate)
            {
                return [.. _runs.Select(r => r.Runtime)];
            }
        }
    }

    /// <summary>The accounts that run (enabled ones), with the settings in force.</summary>
    public IReadOnlyList<DingTalkAccount> Accounts => [.. Runtimes.Select(r => r.Live.Current)];

    /// <summary>Connection state of each account (for status, health and readiness).</summary>
    public IReadOnlyList<StreamStatus> Statuses => [.. Runtimes.Select(r => r.Status)];

    /// <summary>
    /// Completes, with every account's status, once every account has <see cref="StreamConnectionState.Failed"/>:
    /// DingTalk rejected the credentials of each, so none can ever connect (the state is final until a reload gives an
    /// account new credentials). Never completes while one account can still connect; cancelled with
    /// <paramref name="cancellationToken"/>.
    /// </summary>
    public async Task<IReadOnlyList<StreamStatus>> WhenAllFailedAsync(CancellationToken cancellationToken)
    {
        var allFailed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(object? sender, StreamStatus changed)
        {
            var statuses = Statuses;
            if (statuses.Count > 0 && statuses.All(s => s.State == StreamConnectionState.Failed))
            {
                allFailed.TrySetResult();
            }
        }

        AccountStatusChanged += Check;
        try
        {
            // Subscribed first, then checked: a failure just before the subscription is not missed.
            Check(this, null!);
            await allFailed.Task.WaitAsync(cancellationToken);
            return Statuses;
        }
        finally
        {
            AccountStatusChanged -= Check;
        }
    }

    /// <summary>Runs every account until cancelled; an account that fails does not stop the others.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_factory.CreateRenewal() is not { } renewal)
        {
            await RunWithQuotaAsync(cancellationToken);
            return;
        }

        // Replicas: this process's leases are renewed, and stop clicks travel between replicas, for as long as its
        // accounts run.
        using var stopRenewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = renewal.RunAsync(stopRenewal.Token);
        var cardStops = _factory.CreateCardStopLoop() is { } loop ? loop.RunAsync(stopRenewal.Token) : Task.CompletedTask;
        try
        {
            await RunWithQuotaAsync(cancellationToken);
        }
        finally
        {
            await stopRenewal.CancelAsync();
            await Task.WhenAll(renewing, cardStops);
        }
    }

    private async Task RunWithQuotaAsync(CancellationToken cancellationToken)
    {
        if (_quota is null)
        {
            await RunAccountsAsync(cancellationToken);
            return;
        }

        // The month's count is loaded before the first reply picks card or markdown; the governor writes its counts and
        // sends the step warnings for as long as the accounts run, and stores what is left when they stop.
        await _quota.LoadAsync(cancellationToken);
        using var stopQuota = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var governor = _quota.RunAsync(this, stopQuota.Token);
        try
        {
            await RunAccountsAsync(cancellationToken);
        }
        finally
        {
            await stopQuota.CancelAsync();
            await governor;
        }
    }

    /// <summary>
    /// Applies reloaded <c>channels.dingtalk</c> settings. Per account id: the same credentials, endpoints and connection
    /// settings → the new settings are in force at once (<see cref="LiveAccount.Update"/>, no reconnect); otherwise the
    /// account's runtime is stopped like a gateway stop (no new messages; its running answers finish) and started again
    /// with the new settings, the unfinished messages resumed from the journal; an added or enabled account starts, a
    /// removed or disabled one stops. Reconnects, starts and stops run in the background, one reload after the other
    /// (a newer reload supersedes a waiting one); returns what will be done.
    /// </summary>
    public ChannelReload Apply(DingTalkChannelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var wanted = settings.Resolve().Where(a => a.Enabled).ToList();
        var updated = new List<string>();
        var reconnecting = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        List<AccountRun> runs;
        lock (_gate)
        {
            runs = [.. _runs];
        }

        foreach (var next in wanted)
        {
            if (runs.FirstOrDefault(r => r.Id == next.Id) is not { } run)
            {
                continue;
            }

            if (AccountReload.NeedsReconnect(run.Runtime.Account, next))
            {
                reconnecting[next.Id] = AccountReload.ReconnectReasons(run.Runtime.Account, next);
            }
            else
            {
                run.Runtime.Live.Update(next);
                updated.Add(next.Id);
            }
        }

        _quota?.UpdateAccounts(wanted);
        var plan = new ChannelReload(
            updated, reconnecting, [.. wanted.Where(a => runs.All(r => r.Id != a.Id)).Select(a => a.Id)],
            [.. runs.Where(r => wanted.All(a => a.Id != r.Id)).Select(r => r.Id)]);
        // Always queued: a reconnect still waiting must not bring back older in-place values when it runs.
        _reloads.Writer.TryWrite(settings);
        return plan;
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

    /// <summary>Releases the accounts' HTTP clients (also of accounts a reload was still stopping).</summary>
    public void Dispose()
    {
        List<AccountRun> all;
        lock (_gate)
        {
            all = [.. _runs, .. _retiring];
            _runs.Clear();
            _retiring.Clear();
        }

        foreach (var run in all)
        {
            run.Dispose();
        }
    }

    private AccountRun Create(DingTalkAccount account)
    {
        // The owners' /gateway reads every account's link state: this channel's, once it runs.
        var runtime = _factory.Create(account, () => Statuses);
        runtime.StatusChanged += (sender, status) => AccountStatusChanged?.Invoke(this, status);
        return new AccountRun(runtime);
    }

    // Starts the accounts, applies reloads until the channel stops, then waits for every account's run.
    private async Task RunAccountsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _running = cancellationToken;
            _started = true;
            foreach (var run in _runs)
            {
                run.Start(cancellationToken);
            }
        }

        try
        {
            await foreach (var settings in _reloads.Reader.ReadAllAsync(cancellationToken))
            {
                await ReconcileAsync(settings, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: every account's run ends with the token.
        }
        finally
        {
            Task[] all;
            lock (_gate)
            {
                all = [.. _runs.Concat(_retiring).Select(r => r.Completion)];
            }

            await Task.WhenAll(all);
        }
    }

    // Brings the running accounts to the settings: stops the removed ones, reconnects the changed ones, starts the added.
    private async Task ReconcileAsync(DingTalkChannelSettings settings, CancellationToken cancellationToken)
    {
        var wanted = settings.Resolve().Where(a => a.Enabled).ToList();
        List<AccountRun> runs;
        lock (_gate)
        {
            runs = [.. _runs];
        }

        foreach (var run in runs.Where(r => wanted.All(a => a.Id != r.Id)))
        {
            LogAccountStopping(_logger, run.Id, run.Runtime.OpenReplies.Count);
            await RetireAsync(run, replacement: null, cancellationToken);
            LogAccountStopped(_logger, run.Id);
        }

        foreach (var next in wanted)
        {
            var run = runs.FirstOrDefault(r => r.Id == next.Id);
            if (run is not null && !AccountReload.NeedsReconnect(run.Runtime.Account, next))
            {
                run.Runtime.Live.Update(next);
                continue;
            }

            AccountRun fresh;
            try
            {
                fresh = Create(next);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogAccountNotStarted(_logger, next.Id, ex);
                continue;
            }

            if (run is null)
            {
                Start(fresh, replacing: null);
                LogAccountStarted(_logger, next.Id);
                continue;
            }

            var changed = string.Join(", ", AccountReload.ReconnectReasons(run.Runtime.Account, next));
            LogAccountReconnecting(_logger, next.Id, changed, run.Runtime.OpenReplies.Count);
            await RetireAsync(run, fresh, cancellationToken);
            LogAccountReconnected(_logger, next.Id);
        }
    }

    // Stops reading for the account, waits until the answers it handed over are finished (so the journal holds only
    // what nobody answers), then starts its replacement (which resumes those) and releases the old runtime.
    private async Task RetireAsync(AccountRun run, AccountRun? replacement, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _retiring.Add(run);
            if (replacement is null)
            {
                _runs.Remove(run);
            }
        }

        try
        {
            await run.StopAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAccountRunFailed(_logger, run.Id, ex);
        }

        try
        {
            await run.Runtime.OpenReplies.WhenIdleAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The channel stops first: the host's drain finishes the old answers; the replacement never ran.
            replacement?.Dispose();
            throw;
        }

        if (replacement is not null)
        {
            Start(replacement, replacing: run);
        }
        else if (_factory.CreateRelease() is { } release)
        {
            // Replicas: what the removed account left unfinished goes to a replica that still runs it, now.
            await release.ReleaseAsync(run.Id, cancellationToken);
        }

        lock (_gate)
        {
            _retiring.Remove(run);
        }

        run.Dispose();
    }

    private void Start(AccountRun run, AccountRun? replacing)
    {
        lock (_gate)
        {
            var at = replacing is null ? -1 : _runs.IndexOf(replacing);
            if (at >= 0)
            {
                _runs[at] = run;
            }
            else
            {
                _runs.Add(run);
            }

            if (_started)
            {
                run.Start(_running);
            }
        }
    }

    private DingTalkAccountRuntime Find(string accountId)
    {
        var runtimes = Runtimes;
        return runtimes.FirstOrDefault(a => a.Account.Id == accountId)
            ?? throw new ArgumentException($"No enabled DingTalk account '{accountId}' (known: {string.Join(", ", runtimes.Select(a => a.Account.Id))}).", nameof(accountId));
    }
}
