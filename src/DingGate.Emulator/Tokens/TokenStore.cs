using System.Collections.Concurrent;
using DingGate.Emulator.Fixtures;

namespace DingGate.Emulator.Tokens;

/// <summary>
/// One token store for both API families (spec §3.4: tokens are interchangeable). Asking again while a token is
/// valid returns the same token and extends it (§3.1 "自动续期"); after expiry or revocation a new one is issued.
/// </summary>
internal sealed class TokenStore(EmulatorOptions options, IdGenerator ids)
{
    private readonly ConcurrentDictionary<string, IssuedToken> _byClientId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedToken> _byValue = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public IssuedToken Issue(EmulatedApp app)
    {
        lock (_gate)
        {
            var now = options.TimeProvider.GetUtcNow();
            var expiresAt = now + options.TokenLifetime;
            if (_byClientId.TryGetValue(app.ClientId, out var current) && current.ExpiresAt > now)
            {
                var renewed = current with { ExpiresAt = expiresAt };
                _byClientId[app.ClientId] = renewed;
                _byValue[renewed.Value] = renewed;
                return renewed;
            }

            if (current is not null)
            {
                _byValue.TryRemove(current.Value, out _);
            }

            var token = new IssuedToken(ids.NewHex(32), app.ClientId, expiresAt);
            _byClientId[app.ClientId] = token;
            _byValue[token.Value] = token;
            return token;
        }
    }

    /// <summary>The client id the token belongs to, or null when unknown, expired or revoked.</summary>
    public string? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token) || !_byValue.TryGetValue(token, out var issued))
        {
            return null;
        }

        return issued.ExpiresAt > options.TimeProvider.GetUtcNow() ? issued.ClientId : null;
    }

    /// <summary>Revokes the tokens of one app (or all apps when <paramref name="clientId"/> is null). Returns how many.</summary>
    public int Revoke(string? clientId)
    {
        lock (_gate)
        {
            var victims = _byClientId.Values.Where(t => clientId is null || t.ClientId == clientId).ToList();
            foreach (var token in victims)
            {
                _byClientId.TryRemove(token.ClientId, out _);
                _byValue.TryRemove(token.Value, out _);
            }

            return victims.Count;
        }
    }
}
