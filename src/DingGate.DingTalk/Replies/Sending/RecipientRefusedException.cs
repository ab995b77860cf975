namespace DingGate.DingTalk.Replies.Sending;

/// <summary>The inner exception of a refused <c>batchSend</c> recipient: which list DingTalk put the user in.</summary>
internal sealed class RecipientRefusedException(RecipientOutcome outcome, string message) : Exception(message)
{
    public RecipientOutcome Outcome { get; } = outcome;
}
