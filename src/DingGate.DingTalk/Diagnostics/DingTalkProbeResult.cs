namespace DingGate.DingTalk.Diagnostics;

/// <summary>What <see cref="DingTalkProbe"/> found for one account (error texts carry no secret).</summary>
/// <param name="AccountId">The account.</param>
/// <param name="TokenOk">An access token was issued (client id and secret are right).</param>
/// <param name="TokenError">Why not, when not.</param>
/// <param name="StreamOk">A Stream registration was accepted (the app may use Stream mode).</param>
/// <param name="StreamError">Why not, when not.</param>
/// <param name="Elapsed">How long both took.</param>
public sealed record DingTalkProbeResult(string AccountId, bool TokenOk, string? TokenError, bool StreamOk, string? StreamError, TimeSpan Elapsed)
{
    public bool Ok => TokenOk && StreamOk;
}
