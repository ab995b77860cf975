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
/// links reconnect after the <see cref="ReconnectPolicy"/> backoff; bad credentials or exhausted attempts end in
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
    private readonly Lock _gate = new();
    private StreamStatus _status;
    private int _started;

    public StreamClient(
        DingTalkAccount account, IStreamRegistrar registrar, IInboundJournal journal, StreamClientOptions options, TimeProvider timeProvider,
        ILogger<StreamClient> logger, StreamMetrics metrics, ICardCallbackResponder? cardCallbacks = null)
    {
        _account = account;
        _registrar = registrar;
        _options = options;
        _time = timeProvider;
        _logger = logger;
        _metrics = metrics;
        _policy = ReconnectPolicy.For(account, options.Random ?? Random.Shared);
        _deliveries = Channel.CreateBounded<StreamDelivery>(new BoundedChannelOptions(options.DeliveryCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, SingleReader = false, SingleWriter = false,
        });
        _handler = new StreamFrameHandler(account.Id, journal, _deliveries.Writer, timeProvider, metrics, logger, cardCallbacks);
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
    /// Runs until <paramref name="cancellationToken"/> is cancelled (sockets closed cleanly, state Stopped) or the client
    /// fails for good (state Failed, <see cref="StreamStatus.LastError"/> says why). Returns normally in both cases.
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
                    if (_policy.IsExhausted(failures))
                    {
                        Fail($"Stream connection for account '{_account.Id}' (client id {_account.ClientId}) failed {failures} times in a row; giving up. Last error: {Status.LastError}");
                        LogGaveUp(_logger, _account.Id, failures, Status.LastError);
                        return;
                    }

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
            return await StreamSession.ConnectAsync(_account.Id, registration, _handler, _options, _time, _logger, OnInbound, cancellationToken);
        }
        catch (StreamConnectionException ex) when (ex.IsFatal)
        {
            Fail(ex.Message);
            LogBadCredentials(_logger, _account.Id, _account.ClientId, ex.Message);
            return null;
        }
        catch (StreamConnectionException ex)
        {
            SetError(ex.Message);
            LogAttemptFailed(_logger, _account.Id, ex.Kind, ex.Message);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Unexpected (bad endpoint URL, handler bug…): counted as a failed attempt rather than crashing the loop.
            var message = $"Stream connection attempt for account '{_account.Id}' failed unexpectedly: {ex.GetType().Name}: {ex.Message}";
            SetError(message);
            LogAttemptFailed(_logger, _account.Id, StreamFailureKind.Transient, message);
            return null;
        }
    }

    private async Task BackOffAsync(int wait, int failures, CancellationToken cancellationToken)
    {
        var delay = _policy.NextDelay(wait);
        // The timer is armed before the state is published, so an observer may advance a fake clock right away.
        var waiting = Task.Delay(delay, _time, cancellationToken);
        lock (_gate)
        {
            _status = _status with { State = StreamConnectionState.Reconnecting, FailedAttempts = failures, NextRetryDelay = delay, ConnectedSince = null };
        }

        LogBackingOff(_logger, _account.Id, delay, failures);
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
