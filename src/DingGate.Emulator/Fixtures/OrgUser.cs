namespace DingGate.Emulator.Fixtures;

/// <summary>A person who can talk to bots. External users have no staff id in the bot's org.</summary>
internal sealed record OrgUser(string UserId, string UnionId, string Nick, string SenderId, string CorpId, bool IsAdmin, bool External)
{
    /// <summary>The <c>senderStaffId</c> a bot sees: empty for external users.</summary>
    public string? StaffId => External ? null : UserId;

    /// <summary>The user blocked the org's bots: batchSend answers list them in <c>filteredStaffIdList</c> and delivers nothing.</summary>
    public bool BlocksBots { get; init; }

    /// <summary>DingTalk flow-controls messages to this user: batchSend lists them in <c>flowControlledStaffIdList</c>.</summary>
    public bool FlowControlled { get; init; }
}
