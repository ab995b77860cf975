using DingGate.DingTalk.Api.Models;

namespace DingGate.DingTalk.Replies.Sending;

/// <summary>
/// Reads a <c>batchSend</c> answer as one explicit outcome per requested user: a user in <c>invalidStaffIdList</c>,
/// <c>filteredStaffIdList</c> or <c>flowControlledStaffIdList</c> was not reached, whatever the HTTP status said.
/// </summary>
internal static class OtoRecipients
{
    public static IReadOnlyDictionary<string, RecipientOutcome> Outcomes(OtoBatchSendResponse reply, IEnumerable<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(userIds);
        var outcomes = new Dictionary<string, RecipientOutcome>(StringComparer.Ordinal);
        foreach (var id in userIds)
        {
            outcomes[id] = Contains(reply.InvalidStaffIdList, id) ? RecipientOutcome.Invalid
                : Contains(reply.FilteredStaffIdList, id) ? RecipientOutcome.Filtered
                : Contains(reply.FlowControlledStaffIdList, id) ? RecipientOutcome.FlowControlled
                : RecipientOutcome.Delivered;
        }

        return outcomes;
    }

    /// <summary>Why <paramref name="userId"/> was not reached, as the reason of a <see cref="Core.Replies.MessageSendException"/>.</summary>
    public static string Describe(RecipientOutcome outcome, string userId) => outcome switch
    {
        RecipientOutcome.Invalid => $"DingTalk did not deliver it: '{userId}' is not a valid staff id of the bot's organisation (invalidStaffIdList).",
        RecipientOutcome.Filtered => $"DingTalk did not deliver it: user '{userId}' was filtered (filteredStaffIdList; for instance the user blocked the bot).",
        RecipientOutcome.FlowControlled => $"DingTalk did not deliver it: user '{userId}' is flow-controlled (flowControlledStaffIdList: too many messages); try again later.",
        _ => $"delivered to '{userId}'.",
    };

    private static bool Contains(IReadOnlyList<string>? ids, string id) => ids?.Contains(id, StringComparer.OrdinalIgnoreCase) == true;
}
