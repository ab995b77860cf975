namespace DingGate.DingTalk.Stream;

/// <summary>
/// Answers card button callbacks (topic <c>/v1.0/card/instances/callback</c>, spec §6.5). Called on the socket reader
/// between journaling the push and ACKing it, because the answer travels in the ACK and DingTalk waits at most 2 s:
/// it must be synchronous and fast, and must not throw for bad input.
/// </summary>
internal interface ICardCallbackResponder
{
    /// <summary>The JSON value put in the ACK's <c>{"response": …}</c> for the callback <paramref name="data"/> (<c>{}</c> = no change).</summary>
    string Respond(string data);
}
