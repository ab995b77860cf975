using System.Runtime.ExceptionServices;
using DingGate.DingTalk.Api.Models;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Api;

/// <summary>
/// The access token of one client id (spec §3): cached, fetched again ahead of expiry (5 min, or 10 % of the lifetime
/// when that is shorter), single-flight (concurrent callers wait for one fetch), dropped on <see cref="Invalidate()"/>.
/// </summary>
internal sealed partial class AccessTokenProvider
{
    private static readonly TimeSpan MaxMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _fetchGate = new(1, 1);
    private readonly string _clientId;
    private readonly TimeProvider _time;
    private readonly Func<CancellationToken, Task<AccessTokenResponse>> _fetch;
    private readonly ILogger _logger;
    private volatile CachedToken? _current;
    private long _fetches;
    private Exception? _lastFailure;

    public AccessTokenProvider(string clientId, TimeProvider time, Func<CancellationToken, Task<AccessTokenResponse>> fetch, ILogger logger)
    {
        _clientId = clientId;
        _time = time;
        _fetch = fetch;
        _logger = logger;
    }

    /// <summary>A valid token, fetched when none is cached or the cached one is within its refresh margin.</summary>
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } token)
        {
            return token;
        }

        var fetchesSeen = Interlocked.Read(ref _fetches);
        await _fetchGate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } fetched)
            {
                return fetched;
            }

            // Callers that queued behind a failed fetch share its failure instead of each trying again
            // (50 callers with a wrong secret make one request, not 50).
            if (Interlocked.Read(ref _fetches) != fetchesSeen && _lastFailure is { } failure)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            AccessTokenResponse response;
            try
            {
                response = await _fetch(cancellationToken);
                _lastFailure = null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _lastFailure = ex;
                throw;
            }
            finally
            {
                // Counts completed fetches: a caller that read the count before this point queued behind this fetch.
                Interlocked.Increment(ref _fetches);
            }

            if (string.IsNullOrEmpty(response.AccessToken) || response.ExpireIn <= 0)
            {
                throw new DingTalkApiException($"DingTalk returned no usable access token for client id '{_clientId}'.");
            }

            var lifetime = TimeSpan.FromSeconds(response.ExpireIn);
            var margin = lifetime / 10 < MaxMargin ? lifetime / 10 : MaxMargin;
            var now = _time.GetUtcNow();
            _current = new CachedToken(response.AccessToken, now + lifetime - margin);
            LogTokenRefreshed(_logger, _clientId, lifetime, now + lifetime - margin);
            return response.AccessToken;
        }
        finally
        {
            _fetchGate.Release();
        }
    }

    /// <summary>Drops the cached token; the next call fetches a new one.</summary>
    public void Invalidate() => _current = null;

    /// <summary>Drops the cached token only if it is still <paramref name="token"/> (another caller may have refreshed it).</summary>
    public void Invalidate(string token)
    {
        var current = _current;
        if (current is not null && current.Value == token)
        {
            Interlocked.CompareExchange(ref _current, null, current);
            LogTokenInvalidated(_logger, _clientId);
        }
    }

    private string? Fresh() => _current is { } c && _time.GetUtcNow() < c.RefreshAt ? c.Value : null;

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt)
    {
        public override string ToString() => $"CachedToken {{ Value = ***, RefreshAt = {RefreshAt:O} }}";
    }
}
