using DingGate.Core.Configuration;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Inbound;
using DingGate.DingTalk.Policies;
using DingGate.DingTalk.Replies.Proactive;
using DingGate.DingTalk.Replies.Cards;
using DingGate.DingTalk.Replies.Thinking;
using DingGate.DingTalk.Replies.Outbox;
using DingGate.DingTalk.Stream;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk;

/// <summary>
/// One account at run time: its own HTTP client, token, rate limiter, stream connection, dispatcher and reply-outbox
/// worker. At start, deals with the cards the last run left open (ended, or left for the resumed answers to stream
/// into), takes back the "thinking" reactions it left, settles the outbox entries it left mid-send, resumes unfinished
/// journal entries, ends the left cards no resumed answer took, sends the owners the pairing requests they were not sent, then runs the stream, the dispatcher and the outbox
/// worker until cancelled or failed.
/// </summary>
internal sealed class DingTalkAccountRuntime(
    DingTalkAccount account, HttpClient http, DingTalkApiClient api, StreamClient stream, InboundDispatcher dispatcher, PairingApprover pairing, ProactiveSender proactive,
    OpenCardRecovery openCards, ShownIndicatorRecovery indicators, ActiveCardRegistry cards, OutboxDeliveryWorker outbox, ILogger logger,
    LiveAccount? live = null, Replies.OpenReplies? open = null, Policies.Owners.OwnerAdmin? owners = null, Cluster.AccountTakeover? takeover = null) : IDisposable
{
    public DingTalkAccount Account { get; } = account;

    /// <summary>The account's settings as a config reload leaves them (starts as <see cref="Account"/>).</summary>
    public LiveAccount Live { get; } = live ?? new LiveAccount(account);

    /// <summary>The replies handed to the agent and not finished yet (a reconnect waits for them).</summary>
    public Replies.OpenReplies OpenReplies { get; } = open ?? new Replies.OpenReplies();

    /// <summary>The account's streaming cards (shared by the card sinks and the stop-button callback).</summary>
    public ActiveCardRegistry Cards { get; } = cards;

    public StreamStatus Status => stream.Status;

    /// <summary>Raised (synchronously) whenever the account's connection state changes.</summary>
    public event EventHandler<StreamStatus>? StatusChanged
    {
        add => stream.StatusChanged += value;
        remove => stream.StatusChanged -= value;
    }

    public PairingApprover Pairing { get; } = pairing;

    /// <summary>Owner admin of the account (null without its store).</summary>
    public Policies.Owners.OwnerAdmin? Owners { get; } = owners;

    /// <summary>Proactive sends of this account (<c>dinggate message send</c>, scheduled messages).</summary>
    public ProactiveSender Proactive { get; } = proactive;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Every log line of this account's stream, dispatcher and API calls carries the account id.
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Account"] = Account.Id });
        // Stopping: replies waiting out a throttle limit (up to a minute) stop waiting, so none holds the shutdown.
        using var stopping = cancellationToken.Register(api.EndThrottleWaits);
        if (takeover is not null)
        {
            await RunClusteredAsync(takeover, cancellationToken);
            return;
        }

        await openCards.RecoverAsync(cancellationToken);
        await indicators.RecoverAsync(cancellationToken);
        await outbox.RecoverAsync(cancellationToken);
        await dispatcher.ResumeAsync(cancellationToken);
        if (Owners is not null)
        {
            // Owner decisions left half shown are finished, pairing requests not yet sent to the owners are sent.
            await Owners.RecoverAsync(cancellationToken);
        }

        await openCards.EndUnclaimedAsync(cancellationToken);
        await Task.WhenAll(stream.RunAsync(cancellationToken), dispatcher.RunAsync(stream.Deliveries, cancellationToken), outbox.RunAsync(cancellationToken));
    }

    // Clustered (replicas on one database): the start takes over only what no live replica holds — the outbox entries
    // and journal entries whose lease ran out, or that this replica id still holds from its last run — with their cards
    // and reactions, never another replica's; then the takeover loop keeps picking up what a replica that died left.
    private async Task RunClusteredAsync(Cluster.AccountTakeover takeover, CancellationToken cancellationToken)
    {
        await takeover.StartAsync(cancellationToken);
        if (Owners is not null)
        {
            await Owners.RecoverAsync(cancellationToken);
        }

        await Task.WhenAll(
            stream.RunAsync(cancellationToken), dispatcher.RunAsync(stream.Deliveries, cancellationToken), outbox.RunAsync(cancellationToken),
            takeover.RunAsync(cancellationToken));
    }

    public void Dispose()
    {
        Owners?.Dispose();
        http.Dispose();
    }
}
