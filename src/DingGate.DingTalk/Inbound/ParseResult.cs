using DingGate.Core.Inbound;

namespace DingGate.DingTalk.Inbound;

/// <summary>
/// Outcome of <see cref="InboundMessageParser.Parse"/>: a message, a payload deliberately ignored (the bot's own
/// message) or a payload that cannot be read. Expected outcomes are values; the parser never throws.
/// </summary>
internal abstract record ParseResult
{
    private ParseResult()
    {
    }

    /// <summary>A usable message.</summary>
    public sealed record Ok(InboundMessage Message) : ParseResult;

    /// <summary>A readable payload that must not be answered (e.g. sent by the bot itself).</summary>
    public sealed record Ignored(string Reason) : ParseResult;

    /// <summary>A payload that cannot be turned into a message (not JSON, no msgId, no conversation…).</summary>
    public sealed record Invalid(string Reason) : ParseResult;
}
