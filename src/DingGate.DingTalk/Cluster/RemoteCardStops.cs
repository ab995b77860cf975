using System.Collections.Concurrent;
using System.Threading.Channels;
using DingGate.Core.Cluster;
using DingGate.DingTalk.Replies.Cards;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Cluster;

/// <summary>
/// The AI card's stop button across replicas (clustered gateways only; issue 17). DingTalk pushes a card's callback to
/// any connection of the app, so a stop click often reaches a replica that does not stream that card.
/// <list type="bullet">
/// <item>Clicked here, card not streaming here (<see cref="HandOff"/>, on the socket reader): the click is only queued
/// (bounded); <see cref="RecordAsync"/>, run by <see cref="RemoteCardStopLoop"/>, records it as a stop request keyed by
/// the card and the clicking user (<see cref="CardStopScope"/>) that lives <see cref="RequestLifetime"/>, and every
/// replica is signalled. Nobody waits for an answer: a click has none (the card shows the stop).</item>
/// <item>Every replica (<see cref="OnRequestedAsync"/>, from the signal or the safety poll): when the card streams here
/// and the clicking user started it, claims the request and stops the reply as a local click does (the card ends with
/// its "stopped" note). A click by another user is refused, as locally, and left to expire.</item>
/// </list>
/// A request names one card (outTrackIds are unique), so one left to expire can never stop anything else.
/// </summary>
internal sealed partial class RemoteCardStops(IStopRequests requests, ReplicaLeases leases, ILogger<RemoteCardStops> logger)
{
    /// <summary>How long a click's request can be claimed.</summary>
    public static readonly TimeSpan RequestLifetime = TimeSpan.FromSeconds(5);

    /// <summary>How many clicks may wait to be recorded (more are dropped, with a warning).</summary>
    public const int QueueCapacity = 256;

    private readonly ConcurrentDictionary<string, ActiveCardRegistry> _accounts = new(StringComparer.Ordinal);

    private readonly Channel<CardStopClick> _clicks = Channel.CreateBounded<CardStopClick>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public IStopRequests Requests => requests;

    public TimeProvider Time => leases.Time;

    /// <summary>The clicks waiting to be recorded (read by <see cref="RemoteCardStopLoop"/>).</summary>
    public ChannelReader<CardStopClick> Clicks => _clicks.Reader;

    /// <summary>Whether a card streams here (the safety poll looks only then).</summary>
    public bool AnyStreaming => _accounts.Values.Any(c => !c.IsEmpty);

    /// <summary>Makes the streaming cards of <paramref name="accountId"/> reachable from the other replicas (the latest runtime of an account wins).</summary>
    public void Attach(string accountId, ActiveCardRegistry cards) => _accounts[accountId] = cards;

    /// <summary>Queues a stop click on a card that does not stream here; never blocks (the socket reader calls it).</summary>
    public void HandOff(string accountId, string outTrackId, string? userId)
    {
        if (CardStopScope.Format(outTrackId, userId) is not { } scope)
        {
            LogUncarried(accountId, outTrackId, userId);
            return;
        }

        if (!_clicks.Writer.TryWrite(new CardStopClick(accountId, outTrackId, userId!, scope)))
        {
            LogDropped(accountId, outTrackId, userId!);
        }
    }

    /// <summary>Stops taking clicks (the loop then records what was queued and ends).</summary>
    public void Complete() => _clicks.Writer.TryComplete();

    /// <summary>Records a queued click as a stop request and signals every replica.</summary>
    public async Task RecordAsync(CardStopClick click, CancellationToken cancellationToken)
    {
        var now = leases.Now;
        var id = Guid.NewGuid().ToString("N");
        await requests.RecordAsync(new StopRequest(id, click.AccountId, click.Scope, leases.Owner, now, now + RequestLifetime), cancellationToken);
        LogRequested(click.AccountId, click.OutTrackId, click.UserId, id);
    }

    /// <summary>A request was recorded (by any replica, this one too): stops the card's reply when it streams here and the clicker started it.</summary>
    public async Task OnRequestedAsync(string id, string accountId, string scope, bool signalled, CancellationToken cancellationToken)
    {
        if (!CardStopScope.TryParse(scope, out var outTrackId, out var userId) || !_accounts.TryGetValue(accountId, out var cards))
        {
            return;
        }

        switch (cards.Check(outTrackId, userId))
        {
            case CardStopResult.UnknownCard:
                return;
            case CardStopResult.NotOwner:
                // Not claimed: it expires. Said once (the safety poll sees it again until then).
                if (signalled)
                {
                    LogNotOwner(accountId, outTrackId, userId, id);
                }

                return;
        }

        if (!await requests.HonourAsync(id, leases.Owner, leases.Now, cancellationToken))
        {
            return;
        }

        // Claimed. A card finalized in between was over anyway.
        var result = cards.TryStop(outTrackId, userId);
        LogHonoured(accountId, outTrackId, userId, id, result == CardStopResult.Stopped);
    }

    [LoggerMessage(EventId = 1706, Level = LogLevel.Information, Message = "Account {AccountId}: stop clicked on card {OutTrackId} by {UserId}, not streaming here; stop request {RequestId} sent to the other replicas")]
    private partial void LogRequested(string accountId, string outTrackId, string userId, string requestId);

    [LoggerMessage(EventId = 1707, Level = LogLevel.Information, Message = "Account {AccountId}: stop request {RequestId} of another replica for card {OutTrackId} honoured (clicked by {UserId}; reply stopped: {Stopped})")]
    private partial void LogHonoured(string accountId, string outTrackId, string userId, string requestId, bool stopped);

    [LoggerMessage(EventId = 1708, Level = LogLevel.Information, Message = "Account {AccountId}: stop request {RequestId} of another replica for card {OutTrackId} clicked by {UserId}, who did not ask; ignored")]
    private partial void LogNotOwner(string accountId, string outTrackId, string userId, string requestId);

    [LoggerMessage(EventId = 1709, Level = LogLevel.Warning, Message = "Account {AccountId}: stop click on card {OutTrackId} by {UserId} dropped: too many clicks waiting to reach the other replicas")]
    private partial void LogDropped(string accountId, string outTrackId, string userId);

    [LoggerMessage(EventId = 1710, Level = LogLevel.Information, Message = "Account {AccountId}: stop click on card {OutTrackId} by {UserId} cannot be sent to the other replicas (no user, or an id with ':' or U+001F); ignored")]
    private partial void LogUncarried(string accountId, string outTrackId, string? userId);
}
