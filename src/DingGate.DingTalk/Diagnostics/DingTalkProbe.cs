using DingGate.Core.Configuration;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Stream.Registration;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Diagnostics;

/// <summary>
/// Checks an account against DingTalk without running it: an access token is fetched (the credentials) and a Stream
/// registration is opened (Stream mode allowed for the app; the ticket is never used and expires). For
/// <c>channels status --probe</c>, <c>doctor</c> and <c>onboard</c>. Never throws for a DingTalk answer.
/// </summary>
public sealed class DingTalkProbe
{
    private readonly DingTalkChannelOptions _options;
    private readonly DingTalkTelemetry _telemetry;
    private readonly TimeProvider _time;

    internal DingTalkProbe(DingTalkChannelOptions options, DingTalkTelemetry telemetry, TimeProvider time)
    {
        _options = options;
        _telemetry = telemetry;
        _time = time;
    }

    private const string ProbeText = "✅ DingGate doctor: this app can send and stream AI cards.";

    /// <summary>
    /// Sends a small AI card to <paramref name="staffId"/>'s 1:1 chat with the bot and ends it at once the way replies
    /// do (create "1", INPUTING "2" and FINISHED "3" with flowStatus, the finalize streaming update in between): whether
    /// the app may create, stream and end cards with its template. Null when it worked, else why not.
    /// </summary>
    public async Task<string?> ProbeCardAsync(DingTalkAccount account, string staffId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(staffId);
        using var http = new HttpClient(DingTalkApiClient.CreateHandler()) { Timeout = _options.HttpTimeout };
        var cards = new Replies.Cards.AiCardClient(account, new DingTalkApiClient(account, http, _time, _telemetry.Loggers.CreateLogger<DingTalkApiClient>(), _telemetry.Api));
        var outTrackId = "dinggate-doctor-" + Guid.NewGuid().ToString("N");
        try
        {
            var target = new Replies.Cards.CardTarget(false, staffId, null, null);
            await cards.CreateAndDeliverAsync(target, outTrackId, Replies.Cards.CardVariables.Create(account), null, cancellationToken);
            var flow = new Replies.Cards.AiCardFlow(account, cards, outTrackId, null);
            await flow.StreamAsync(ProbeText, isFinalize: true, isError: false, cancellationToken);
            await flow.EndAsync(ProbeText, failed: false, cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is DingTalkApiException or HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return ex.Message;
        }
    }

    public async Task<DingTalkProbeResult> ProbeAsync(DingTalkAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        using var http = new HttpClient(DingTalkApiClient.CreateHandler()) { Timeout = _options.HttpTimeout };
        var api = new DingTalkApiClient(account, http, _time, _telemetry.Loggers.CreateLogger<DingTalkApiClient>(), _telemetry.Api);
        var started = _time.GetTimestamp();
        try
        {
            await api.Tokens.GetTokenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DingTalkApiException or HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new DingTalkProbeResult(account.Id, false, ex.Message, false, "not tried: no access token", _time.GetElapsedTime(started));
        }

        try
        {
            await new ApiStreamRegistrar(api).OpenAsync(account, cancellationToken);
            return new DingTalkProbeResult(account.Id, true, null, true, null, _time.GetElapsedTime(started));
        }
        catch (StreamConnectionException ex)
        {
            return new DingTalkProbeResult(account.Id, true, null, false, ex.Message, _time.GetElapsedTime(started));
        }
    }
}
