namespace DingGate.DingTalk.Cluster;

/// <summary>
/// The session part of a stop request made by a card's stop button (<c>stop_requests.session_key</c>):
/// <c>card:&lt;outTrackId&gt;:&lt;userId&gt;</c>, the card and the user who clicked. No session scope starts with
/// <c>card:</c> (they are <c>dm:…</c> and <c>group:…</c>), so the turns' stop loop never matches one. An outTrackId
/// holding <c>:</c>, or either part holding U+001F (the signal's separator) or nothing, is refused.
/// </summary>
internal static class CardStopScope
{
    private const string Prefix = "card:";

    /// <summary>The scope of a click by <paramref name="userId"/> on <paramref name="outTrackId"/>, or null when either cannot be carried.</summary>
    public static string? Format(string outTrackId, string? userId) =>
        outTrackId is { Length: > 0 } && userId is { Length: > 0 }
        && !outTrackId.Contains(':', StringComparison.Ordinal) && !outTrackId.Contains('\u001f', StringComparison.Ordinal)
        && !userId.Contains('\u001f', StringComparison.Ordinal)
            ? Prefix + outTrackId + ":" + userId
            : null;

    /// <summary>The card and the clicking user of a card stop's scope; false for any other scope.</summary>
    public static bool TryParse(string? scope, out string outTrackId, out string userId)
    {
        (outTrackId, userId) = (string.Empty, string.Empty);
        if (scope is null || !scope.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = scope.AsSpan(Prefix.Length);
        var colon = rest.IndexOf(':');
        if (colon <= 0 || colon == rest.Length - 1)
        {
            return false;
        }

        (outTrackId, userId) = (rest[..colon].ToString(), rest[(colon + 1)..].ToString());
        return true;
    }
}
