using System.Threading.Channels;
using DingGate.Core.Configuration;
using DingGate.Core.Storage;
using DingGate.DingTalk.Stream.Registration;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Stream;

/// <summary>
/// The DingTalk Stream client of one account (spec §1): register → connect → read, with an explicit reconnect state
/// machine. Frames are journaled, ACKed and written to <see cref="Deliveries"/>; handlers never run on the reader.
/// SYSTEM disconnect triggers a warm reconnect (new connection up before the old one is released); drops and dead
/// links reconnect after the <see cref="ReconnectPolicy"/> backoff. After <c>maxConnectionAttempts</c> failed attempts
/// the client keeps retrying every <c>maxReconnectDelay</c> (<see cref="StreamConnectionState.Retrying"/>, one error log
/// per <see cref="StreamClientOptions.OfflineAlertInterval"/>) until it connects; only bad credentials end in
/// <see cref="StreamConnectionState.Failed"/>. <see cref="RunAsync"/> is a long-running loop owned by the caller. Card
/// button callbacks are answered in their ACK by the optional <see cref="ICardCallbackResponder"/>.
/// </summary>
internal sealed partial class StreamClient
{
    private readonly DingTalkAccount _account;
    private readonly IStreamRegistrar _registrar;
    private readonly StreamClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<StreamClient> _logger;
    private readonly StreamMetrics _metrics;
    private readonly ReconnectPolicy _policy;
    private readonly Channel<StreamDelivery> _deliveries;
    private readonly StreamFrameHandler _handler;
    private readonly OfflineAlert _offline;
    private readonly Lock _gate = new();
    private StreamStatus _status;
    private int _started;

    public StreamClient(
        DingTalkAccount account, IStreamRegistrar registrar, IInboundJournal journal, StreamClientOptions options, TimeProvider timeProvider,
        ILogger<StreamClient> logger, StreamMetrics metrics, ICardCallbackResponder? cardCallbacks = null, Cluster.ReplicaLeases? leases = null)
    {
        _account = account;
        _registrar = registrar;
        _options = options;
        _time = timeProvider;
        _logger = logger;
        _metrics = metrics;
        _policy = ReconnectPolicy.For(account, options.Random ?? Random.Shared);
        _offline = new OfflineAlert(options.OfflineAlertInterval);
        _deliveries = Channel.CreateBounded<StreamDelivery>(new BoundedChannelOptions(options.DeliveryCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, SingleReader = false, SingleWriter = false,
        });
        _handler = new StreamFrameHandler(account.Id, journal, _deliveries.Writer, timeProvider, metrics, logger, cardCallbacks, leases);
        _status = new StreamStatus(account.Id, StreamConnectionState.Idle, null, 0, 0, null, null, null);
    }

    /// <summary>Raised (synchronously, keep handlers short) whenever <see cref="StreamStatus.State"/> changes.</summary>
    public event EventHandler<StreamStatus>? StatusChanged;

    /// <summary>Journaled, ACKed pushes in arrival order; completed when <see cref="RunAsync"/> returns.</summary>
    public ChannelReader<StreamDelivery> Deliveries => _deliveries.Reader;

    /// <summary>A snapshot of the client's state.</summary>
    public StreamStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled (sockets closed cleanly, state Stopped) or DingTalk
    /// rejects the credentials (state Failed, <see cref="StreamStatus.LastError"/> says why). Returns normally in both cases.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("A StreamClient runs once.");
        }

        StreamSession? current = null;
        StreamSession? draining = null;
        try
        {
            var failures = 0;
            var waits = 0;
            var connectedBefore = false;
            while (!cancellationToken.IsCancellationRequested)
            {
                var session = await TryOpenAsync(cancellationToken);
                if (draining is not null)
                {
                    // Warm reconnect: the old socket is released only once the new one is up (or the attempt failed).
                    await ReleaseAsync(draining);
                    draining = null;
                }

                if (session is null)
                {
                    if (Status.State == StreamConnectionState.Failed)
                    {
                        return;
                    }

                    failures++;
                    await BackOffAsync(waits++, failures, cancellationToken);
                    continue;
                }

                current = session;
                if (connectedBefore)
                {
                    _metrics.Reconnected(_account.Id);
                }

                OnConnected(connectedBefore);
                connectedBefore = true;
                failures = 0;
                waits = 0;
                await Task.WhenAny(session.GoAway, session.Completion).WaitAsync(cancellationToken);
                current = null;
                if (session.GoAway.IsCompleted && !session.Completion.IsCompleted)
                {
                    draining = session;
                    continue;
                }

                var end = await session.Completion;
                await session.DisposeAsync();
                SetError($"Stream connection for account '{_account.Id}' ended: {end}.");
                LogSessionEnded(_logger, _account.Id, end);
                if (end == SessionEnd.ClosedByServer && session.GoAway.IsCompleted)
                {
                    continue;
                }

                await BackOffAsync(waits++, failures, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await ReleaseAsync(draining);
            await ReleaseAsync(current);
            _deliveries.Writer.TryComplete();
            if (Status.State != StreamConnectionState.Failed)
            {
                SetState(StreamConnectionState.Stopped, null);
            }
        }
    }

    private async Task<StreamSession?> TryOpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            SetState(StreamConnectionState.Registering, null);
            var registration = await _registrar.OpenAsync(_account, cancellationToken);
            SetState(StreamConnectionState.Connecting, null);
            return await StreamSession.ConnectAsync(
                _account.Id, registration, _handler, _options, _account.KeepAliveInterval, _time, _logger, OnInbound, cancellationToken);
        }
        catch (StreamConnectionException ex) when (ex.IsFatal)
        {
            Fail(ex.Message);
            LogBadCredentials(_logger, _account.Id, _account.ClientId, ex.Message);
            return null;
        }
        catch (StreamConnectionException ex)
        {
            AttemptFailed(ex.Kind, ex.Message);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Unexpected (bad endpoint URL, handler bug…): counted as a failed attempt rather than crashing the loop.
            AttemptFailed(StreamFailureKind.Transient, $"Stream connection attempt for account '{_account.Id}' failed unexpectedly: {ex.GetType().Name}: {ex.Message}");
            return null;
        }
    }

    // Each failure is a warning while the fast attempts last; once retrying slowly they go to Debug and the throttled
    // offline alert of BackOffAsync says the account is down.
    private void AttemptFailed(StreamFailureKind kind, string message)
    {
        SetError(message);
        if (_policy.IsSlowPhase(Status.FailedAttempts))
        {
            LogRetryFailed(_logger, _account.Id, kind, message);
        }
        else
        {
            LogAttemptFailed(_logger, _account.Id, kind, message);
        }
    }

    private async Task BackOffAsync(int wait, int failures, CancellationToken cancellationToken)
    {
        var retrying = _policy.IsSlowPhase(failures);
        var delay = _policy.DelayAfter(wait, failures);
        // The timer is armed before the state is published, so an observer may advance a fake clock right away.
        var waiting = Task.Delay(delay, _time, cancellationToken);
        var state = retrying ? StreamConnectionState.Retrying : StreamConnectionState.Reconnecting;
        lock (_gate)
        {
            _status = _status with { State = state, FailedAttempts = failures, NextRetryDelay = delay, ConnectedSince = null };
        }

        if (!retrying)
        {
            LogBackingOff(_logger, _account.Id, delay, failures);
        }
        else if (_offline.TryRaise(_time.GetUtcNow()))
        {
            LogOffline(_logger, _account.Id, failures, delay, Status.LastError);
        }
        else
        {
            LogStillRetrying(_logger, _account.Id, delay, failures);
        }

        Raise();
        await waiting;
    }

    private async Task ReleaseAsync(StreamSession? session)
    {
        if (session is null)
        {
            return;
        }

        await session.CloseAsync(CancellationToken.None);
        await session.DisposeAsync();
    }

    private void OnConnected(bool reconnect)
    {
        var failures = Status.FailedAttempts;
        if (_offline.Raised)
        {
            LogBackOnline(_logger, _account.Id, failures);
            _offline.Reset();
        }

        lock (_gate)
        {
            _status = _status with
            {
                State = StreamConnectionState.Connected, FailedAttempts = 0, NextRetryDelay = null, ConnectedSince = _time.GetUtcNow(),
                ReconnectCount = _status.ReconnectCount + (reconnect ? 1 : 0),
            };
        }

        LogConnected(_logger, _account.Id, reconnect);
        Raise();
    }

    private void OnInbound(DateTimeOffset at)
    {
        lock (_gate)
        {
            _status = _status with { LastInboundAt = at };
        }
    }

    private void Fail(string error)
    {
        lock (_gate)
        {
            _status = _status with { State = StreamConnectionState.Failed, LastError = error, NextRetryDelay = null, ConnectedSince = null };
        }

        Raise();
    }

    private void SetError(string error)
    {
        lock (_gate)
        {
            _status = _status with { LastError = error };
        }
    }

    private void SetState(StreamConnectionState state, TimeSpan? nextDelay)
    {
        lock (_gate)
        {
            if (_status.State == state)
            {
                return;
            }

            var connectedSince = state == StreamConnectionState.Connected ? _status.ConnectedSince : null;
            _status = _status with { State = state, NextRetryDelay = nextDelay, ConnectedSince = connectedSince };
        }

        Raise();
    }

    private void Raise() => StatusChanged?.Invoke(this, Status);
}
