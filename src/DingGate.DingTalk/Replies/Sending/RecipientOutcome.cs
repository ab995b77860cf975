namespace DingGate.DingTalk.Replies.Sending;

/// <summary>What a <c>batchSend</c> answer says about one recipient.</summary>
internal enum RecipientOutcome
{
    /// <summary>In none of the answer's lists: DingTalk took the message for this user.</summary>
    Delivered,

    /// <summary>In <c>invalidStaffIdList</c>: not a staff id of the bot's organisation.</summary>
    Invalid,

    /// <summary>In <c>filteredStaffIdList</c>: DingTalk filtered the message (e.g. the user blocked the bot).</summary>
    Filtered,

    /// <summary>In <c>flowControlledStaffIdList</c>: too many messages to this user; try later.</summary>
    FlowControlled,
}
