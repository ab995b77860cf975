using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DingGate.Core.Configuration;
using DingGate.Core.Coordination;
using DingGate.DingTalk.Api.Models;
using DingGate.DingTalk.Quota;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Api;

/// <summary>
/// The one send core of an account: every DingTalk HTTP call (OpenAPI, token, session webhook, media GET) goes through
/// <see cref="ExecuteAsync{T}"/>, which adds the token, waits for its limiters (the bucket of its API — one per app and
/// API, as DingTalk counts — or its conversation's webhook limiter, see <see cref="ApiLimits"/>, then the per-IP guard
/// shared by all accounts; a permit counts from when the call goes on the wire), maps both error envelopes to
/// <see cref="DingTalkApiException"/>, retries (token refused once, throttling — see <see cref="ApiThrottle"/> — and, when
/// asked, 5xx) and records metrics. A throttled endpoint is held shut (<see cref="ApiThrottleGate"/>) until its limit
/// passes: about a second for per-second limits, the next wall-clock minute for per-minute ones.
/// The HttpClient (owned by the caller, not disposed here) should not follow redirects (see <see cref="CreateHandler"/>).
/// </summary>
internal sealed partial class DingTalkApiClient
{
    private const string TokenPath = "/v1.0/oauth2/accessToken";
    private static readonly TimeSpan ApiWindow = TimeSpan.FromSeconds(1);
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DingTalkApiMetrics _metrics;
    private readonly ApiLimits _limits;
    private readonly ApiIpGuard? _ipGuard;
    private readonly ApiThrottleGate _throttle;
    private readonly ApiClientOptions _options;
    private readonly QuotaGovernor? _quota;
    private readonly ApiSharedLimits? _shared;

    public DingTalkApiClient(
        DingTalkAccount account, HttpClient http, TimeProvider time, ILogger<DingTalkApiClient> logger, DingTalkApiMetrics metrics, ApiClientOptions? options = null,
        ApiIpGuard? ipGuard = null, QuotaGovernor? quota = null, ISharedRateWindows? sharedWindows = null)
    {
        _quota = quota;
        _shared = sharedWindows is null ? null : new ApiSharedLimits(sharedWindows, time);
        Account = account;
        _http = http;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _options = options ?? new ApiClientOptions();
        var margin = _shared is not null && !account.ApiWindowMarginSet ? ApiSharedLimits.DefaultMargin : account.ApiWindowMargin;
        _limits = new ApiLimits(account.ApiQps, ApiWindow + margin, account.WebhookRateLimit, account.WebhookRateWindow, time);
        _ipGuard = ipGuard;
        _throttle = new ApiThrottleGate(time);
        Urls = new DingTalkUrlPolicy(account);
        Tokens = new AccessTokenProvider(account.ClientId, time, FetchTokenAsync, logger);
    }

    public DingTalkAccount Account { get; }

    /// <summary>The account's token cache (exposed for callers that need the raw token, e.g. a multipart upload).</summary>
    public AccessTokenProvider Tokens { get; }

    /// <summary>Which absolute URLs this account may call.</summary>
    public DingTalkUrlPolicy Urls { get; }

    /// <summary>
    /// The account is stopping: calls waiting out a throttle limit are sent at once, and a throttled answer from now on
    /// is thrown instead of waited out, so no reply holds the shutdown for up to a minute.
    /// </summary>
    public void EndThrottleWaits() => _throttle.End();

    /// <summary>
    /// True when a call of <paramref name="kind"/> (one of <see cref="ApiCallKinds"/>) sent now would have to wait: the
    /// bucket of its API (<see cref="ApiCallEndpoints"/>) has calls waiting or no free permit, its API is held by a
    /// throttle answer, the per-IP guard is backlogged, or (webhook) some conversation's webhook limiter has calls
    /// waiting. Unknown kinds: only the per-IP guard.
    /// </summary>
    public bool IsBacklogged(string kind)
    {
        if (_ipGuard?.Limiter.IsBacklogged == true)
        {
            return true;
        }

        if (kind == ApiCallKinds.Webhook)
        {
            return _limits.AnyWebhookBacklogged;
        }

        return ApiCallEndpoints.For(kind) is { } endpoint && (_limits.IsBacklogged(endpoint) || _throttle.IsBlocked(endpoint));
    }

    /// <summary>
    /// Until when the account holds <paramref name="endpoint"/> (<c>"PUT /v1.0/card/streaming"</c>: the method, a space,
    /// the path) shut after DingTalk throttled it, or null when calls to it go at once. A caller with another way to do
    /// its work (a card ended through <c>PUT /v1.0/card/instances</c>) uses it instead of waiting.
    /// </summary>
    public DateTimeOffset? ThrottledUntil(string endpoint) => _throttle.ThrottledUntil(endpoint);

    /// <summary>
    /// Whether DingTalk bills <paramref name="request"/> against the organisation's monthly OpenAPI quota: every call
    /// that carries the access token (api and oapi hosts) and the token fetch itself (counted to be safe: the billed
    /// list is not public). Free: session webhooks, the Stream registration and signed download URLs.
    /// </summary>
    public static bool IsBilled(ApiRequest request) => request.Auth == ApiAuth.Token || (request.AbsoluteUrl is null && request.Path == TokenPath);

    /// <summary>A handler as the client expects it: no automatic redirects (a redirect could leave the allowed hosts).</summary>
    public static SocketsHttpHandler CreateHandler() => new() { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    /// <summary>Sends a JSON call and deserializes the 2xx answer (types must be in <see cref="DingTalkJsonContext"/>).</summary>
    public Task<TResponse> SendAsync<TResponse>(
        DingTalkHost host, HttpMethod method, string path, object? body, ApiAuth auth, CancellationToken cancellationToken) =>
        SendAsync<TResponse>(new ApiRequest(host, method, path, body, auth), cancellationToken);

    /// <inheritdoc cref="SendAsync{TResponse}(DingTalkHost, HttpMethod, string, object?, ApiAuth, CancellationToken)"/>
    public Task<TResponse> SendAsync<TResponse>(ApiRequest request, CancellationToken cancellationToken) =>
        SendAsync(request, TypeInfo<TResponse>(), cancellationToken);

    /// <summary>As <see cref="SendAsync{TResponse}(ApiRequest, CancellationToken)"/> with the response metadata from any context.</summary>
    public Task<TResponse> SendAsync<TResponse>(ApiRequest request, JsonTypeInfo<TResponse> typeInfo, CancellationToken cancellationToken)
    {
        return ExecuteAsync(request, bufferBody: true, (_, body, _) => Task.FromResult(Deserialize(body!, typeInfo, request)), cancellationToken);
    }

    /// <summary>
    /// POSTs a JSON body to a session webhook (spec §4.1; oapi envelope, no token). The URL must be on a configured
    /// api/oapi host or <c>*.dingtalk.com</c>, else <see cref="DingTalkUrlRejectedException"/>.
    /// </summary>
    public Task<OapiResult> PostWebhookAsync(Uri webhookUrl, object body, CancellationToken cancellationToken) =>
        PostWebhookAsync(webhookUrl, body, meter: null, cancellationToken);

    /// <summary>Replies plain text through a session webhook, optionally @-mentioning users (their ids must also be in the text to render).</summary>
    public Task<OapiResult> ReplyTextAsync(Uri webhookUrl, string text, IReadOnlyList<string>? atUserIds, CancellationToken cancellationToken) =>
        PostWebhookAsync(webhookUrl, new WebhookTextMessage(new WebhookText(text), atUserIds is { Count: > 0 } ? new WebhookAt(atUserIds) : null), cancellationToken);

    /// <summary>As <see cref="PostWebhookAsync(Uri, object, CancellationToken)"/>, metered on <paramref name="meter"/>.</summary>
    public Task<OapiResult> PostWebhookAsync(Uri webhookUrl, object body, ApiCallMeter? meter, CancellationToken cancellationToken) =>
        PostWebhookAsync(webhookUrl, body, meter, hooks: null, cancellationToken);

    /// <summary>As <see cref="PostWebhookAsync(Uri, object, ApiCallMeter?, CancellationToken)"/>, with <paramref name="hooks"/> around each attempt.</summary>
    public Task<OapiResult> PostWebhookAsync(Uri webhookUrl, object body, ApiCallMeter? meter, ApiSendHooks? hooks, CancellationToken cancellationToken)
    {
        Urls.EnsureWebhook(webhookUrl);
        var request = new ApiRequest(DingTalkHost.Oapi, HttpMethod.Post, webhookUrl.AbsolutePath, body, ApiAuth.None)
        {
            AbsoluteUrl = webhookUrl, Meter = meter, Hooks = hooks, Kind = ApiCallKinds.Webhook,
        };
        return SendAsync<OapiResult>(request, cancellationToken);
    }

    /// <summary>
    /// The pipeline every call goes through. <paramref name="onSuccess"/> gets the 2xx answer (and its buffered body
    /// when <paramref name="bufferBody"/>; otherwise it reads the stream itself).
    /// </summary>
    public async Task<T> ExecuteAsync<T>(
        ApiRequest request, bool bufferBody, Func<HttpResponseMessage, byte[]?, CancellationToken, Task<T>> onSuccess, CancellationToken cancellationToken)
    {
        var url = Resolve(request);
        var endpoint = $"{request.Method.Method} {request.Path}";
        var content = request.Body is null ? null : Serialize(request.Body, request.BodyType);
        var budget = new ApiRetryBudget(_options, request.RetryServerErrors, _time);
        var billed = _quota is not null && IsBilled(request);
        while (true)
        {
            // The quota's webhook-only line: refused before anything waits, and checked again right before the wire.
            if (billed)
            {
                await _quota!.AdmitAsync(Account.Id, endpoint, cancellationToken);
            }

            if (!await _throttle.WaitAsync(endpoint, request.SupersededBy, cancellationToken))
            {
                throw new ApiCallSupersededException($"DingTalk call {endpoint} was dropped while throttled: newer content replaces it.");
            }

            // The token first: its own call must not wait for a permit while this one holds one.
            var token = request.Auth == ApiAuth.Token ? await Tokens.GetTokenAsync(cancellationToken) : null;
            using var permits = await AcquirePermitsAsync(request, endpoint, url, cancellationToken);
            if (_throttle.IsBlocked(endpoint) && !_throttle.IsEnded)
            {
                continue; // throttled while this call waited for its permit: wait that out first, unsent
            }

            if (billed)
            {
                _quota!.Check(Account.Id, endpoint);
            }

            if (request.Hooks?.BeforeSend is { } beforeSend)
            {
                await beforeSend(cancellationToken);
            }

            permits.MarkSent();
            using var message = BuildMessage(request, url, content, token);
            var started = _time.GetTimestamp();
            HttpResponseMessage response;
            try
            {
                request.Meter?.Count(request.Kind ?? endpoint);
                if (billed)
                {
                    _quota!.Record(Account.Id);
                }

                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                _metrics.RecordCall(Account.Id, endpoint, "network", _time.GetElapsedTime(started));
                if (budget.NextServerErrorDelay() is { } delay)
                {
                    LogRetrying(_logger, Account.Id, endpoint, 0, "network", budget.Attempt, delay);
                    await Task.Delay(delay, _time, cancellationToken);
                    continue;
                }

                LogCallFailed(_logger, Account.Id, endpoint, 0, "network", null, ex);
                throw new DingTalkApiException(endpoint, 0, "network", ex.Message, null, ex);
            }

            using (response)
            {
                var answer = await ReadAnswerAsync(request, response, bufferBody, cancellationToken);
                _metrics.RecordCall(Account.Id, endpoint, Status(response, answer.Failure), _time.GetElapsedTime(started));
                if (answer.Failure is not { } f)
                {
                    return await onSuccess(response, answer.Body, cancellationToken);
                }

                if (_quota is not null && ApiThrottleCodes.Classify(f.HttpStatus, f.Code) == ApiThrottle.Quota)
                {
                    _quota.RecordRefusedByDingTalk(Account.Id, f.Code);
                }

                if (f.IsInvalidToken && token is not null && budget.TryTokenRetry())
                {
                    Tokens.Invalidate(token);
                    await RefusedAsync(request);
                    LogRetrying(_logger, Account.Id, endpoint, f.HttpStatus, f.Code, 1, TimeSpan.Zero);
                    continue;
                }

                if (f.IsRateLimited && !_throttle.IsEnded && budget.NextThrottleRetry(f) is { } until)
                {
                    LogThrottled(_logger, Account.Id, endpoint, f.HttpStatus, f.Code, f.Throttle, budget.Attempt, until);
                    _throttle.Block(endpoint, until);
                    await RefusedAsync(request);
                    continue;
                }

                if (f.IsServerError && budget.NextServerErrorDelay() is { } delay)
                {
                    LogRetrying(_logger, Account.Id, endpoint, f.HttpStatus, f.Code, budget.Attempt, delay);
                    await Task.Delay(delay, _time, cancellationToken);
                    continue;
                }

                LogCallFailed(_logger, Account.Id, endpoint, f.HttpStatus, f.Code, f.RequestId, null);
                throw f.ToException(endpoint);
            }
        }
    }

    // DingTalk refused the attempt and the client will wait and retry: nothing was shown meanwhile.
    private static Task RefusedAsync(ApiRequest request) => request.Hooks?.Refused is { } refused ? refused() : Task.CompletedTask;

    // The waits of one attempt, in this order: a new card create yields to a backlog of its account's streaming updates
    // (so open cards are finished before new ones open), then the call's own limiter, in its priority, then the per-IP
    // guard (last: it rarely waits, and a permit it granted is held while the call waits, so a call queued in its own
    // bucket must not hold one). The permits count from MarkSent, right before the request goes on the wire.
    private async Task<CallPermits> AcquirePermitsAsync(ApiRequest request, string endpoint, Uri url, CancellationToken cancellationToken)
    {
        if (!request.RateLimited)
        {
            return new CallPermits(ApiPermit.None, ApiPermit.None);
        }

        var priority = request.Kind == ApiCallKinds.Emotion ? ApiCallPriority.Indicator : request.Priority;
        if (request.Kind == ApiCallKinds.CardCreate)
        {
            await YieldToStreamingAsync(endpoint, cancellationToken);
        }

        var webhook = request.Kind == ApiCallKinds.Webhook;
        var own = webhook ? _limits.ForWebhook(url) : _limits.ForEndpoint(endpoint);
        var permit = await AcquireAsync(own, priority, endpoint, webhook ? "webhook" : "api", cancellationToken);
        ApiPermit? ip = null;
        try
        {
            ip = _ipGuard is null ? ApiPermit.None : await AcquireAsync(_ipGuard.Limiter, priority, endpoint, "ip", cancellationToken);
            await TakeSharedAsync(own, webhook, endpoint, cancellationToken);
            return new CallPermits(ip, permit);
        }
        catch
        {
            ip?.Dispose();
            permit.Dispose();
            throw;
        }
    }

    // The cluster's stage (ApiSharedLimits), after the local permits: the app's bucket of this API (a session webhook
    // is per conversation and spends none), then the cluster's per-IP window.
    private async ValueTask TakeSharedAsync(ApiRateLimiter own, bool webhook, string endpoint, CancellationToken cancellationToken)
    {
        if (_shared is null)
        {
            return;
        }

        if (!webhook && await _shared.TakeAsync(ApiSharedLimits.ApiKey(Account.ClientId, endpoint), own.Permits, own.Window, cancellationToken))
        {
            _metrics.RecordLimiterWait(Account.Id, endpoint, "shared-api");
        }

        if (_ipGuard is not null
            && await _shared.TakeAsync(ApiSharedLimits.IpKey, _ipGuard.Limiter.Permits, _ipGuard.Limiter.Window, cancellationToken))
        {
            _metrics.RecordLimiterWait(Account.Id, endpoint, "shared-ip");
        }
    }

    // A new card waits while the account's streaming calls wait (open cards first), at most MaxCreateHold: a backlog
    // that never drains (many long answers streaming at once) must not keep new cards out for good.
    private async Task YieldToStreamingAsync(string endpoint, CancellationToken cancellationToken)
    {
        var streaming = _limits.ForEndpoint(ApiCallEndpoints.CardStreaming);
        if (!streaming.HasWaiters)
        {
            return;
        }

        _metrics.RecordLimiterWait(Account.Id, endpoint, "streaming-backlog");
        var until = _time.GetUtcNow() + _options.MaxCreateHold;
        while (streaming.HasWaiters && _time.GetUtcNow() < until)
        {
            try
            {
                await streaming.WhenNoWaitersAsync(cancellationToken).WaitAsync(until - _time.GetUtcNow(), _time, cancellationToken);
            }
            catch (TimeoutException)
            {
                return;
            }
        }
    }

    private async ValueTask<ApiPermit> AcquireAsync(
        ApiRateLimiter limiter, ApiCallPriority priority, string endpoint, string name, CancellationToken cancellationToken)
    {
        var pending = limiter.AcquireAsync(priority, cancellationToken);
        if (!pending.IsCompleted)
        {
            _metrics.RecordLimiterWait(Account.Id, endpoint, name);
        }

        return await pending;
    }

    private async Task<AccessTokenResponse> FetchTokenAsync(CancellationToken cancellationToken)
    {
        var request = new ApiRequest(DingTalkHost.Api, HttpMethod.Post, TokenPath, new AccessTokenRequest(Account.ClientId, Account.ClientSecret), ApiAuth.None)
        {
            RetryServerErrors = true,
        };
        try
        {
            var response = await SendAsync<AccessTokenResponse>(request, cancellationToken);
            _metrics.RecordTokenFetch(Account.Id);
            return response;
        }
        catch (DingTalkApiException ex) when (ex.Code is "invalidClientIdOrSecret" or "40089")
        {
            throw new DingTalkCredentialsException(Account.ClientId, ex);
        }
    }

    private Uri Resolve(ApiRequest request)
    {
        if (request.AbsoluteUrl is { } absolute)
        {
            return absolute;
        }

        var baseUrl = request.Host == DingTalkHost.Api ? Account.ApiBaseUrl : Account.OapiBaseUrl;
        return new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/" + request.Path.TrimStart('/'));
    }

    private static HttpRequestMessage BuildMessage(ApiRequest request, Uri url, byte[]? content, string? token)
    {
        if (token is not null && request.Host == DingTalkHost.Oapi)
        {
            var separator = string.IsNullOrEmpty(url.Query) ? "?" : "&";
            url = new Uri(url.AbsoluteUri + separator + "access_token=" + Uri.EscapeDataString(token));
        }

        var message = new HttpRequestMessage(request.Method, url);
        message.Headers.Accept.Add(Json);
        if (token is not null && request.Host == DingTalkHost.Api)
        {
            message.Headers.TryAddWithoutValidation("x-acs-dingtalk-access-token", token);
        }

        if (request.Content is not null)
        {
            message.Content = request.Content();
        }
        else if (content is not null)
        {
            message.Content = new ByteArrayContent(content);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        return message;
    }

    private static async Task<(ApiFailure? Failure, byte[]? Body)> ReadAnswerAsync(
        ApiRequest request, HttpResponseMessage response, bool bufferBody, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var errorBody = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return (ApiFailureReader.FromErrorStatus(response, errorBody), null);
        }

        if (!bufferBody)
        {
            return (null, null);
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return (request.Host == DingTalkHost.Oapi ? ApiFailureReader.FromOapiBody(response, body) : null, body);
    }

    private static string Status(HttpResponseMessage response, ApiFailure? failure) =>
        failure?.Code is { } code ? $"{(int)response.StatusCode} {code}" : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Serialize(object body, JsonTypeInfo? bodyType) =>
        JsonSerializer.SerializeToUtf8Bytes(body, bodyType ?? DingTalkJsonContext.Wire.GetTypeInfo(body.GetType())
            ?? throw new InvalidOperationException($"{body.GetType().Name} is not registered in DingTalkJsonContext."));

    private static JsonTypeInfo<T> TypeInfo<T>() =>
        DingTalkJsonContext.Wire.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered in DingTalkJsonContext.");

    private static T Deserialize<T>(byte[] body, JsonTypeInfo<T> typeInfo, ApiRequest request)
    {
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo)
                ?? throw new DingTalkApiException($"DingTalk call {request.Method.Method} {request.Path} returned an empty body.");
        }
        catch (JsonException ex)
        {
            throw new DingTalkApiException($"DingTalk call {request.Method.Method} {request.Path} returned a body that is not the expected JSON.", ex);
        }
    }
}
