namespace DingGate.Emulator.Fixtures;

/// <summary>A group chat: its <c>openConversationId</c>, members and the bots installed in it.</summary>
internal sealed class OrgGroup(string openConversationId, string title)
{
    public string OpenConversationId { get; } = openConversationId;

    public string Title { get; } = title;

    public HashSet<string> MemberUserIds { get; } = new(StringComparer.Ordinal);

    public HashSet<string> InstalledRobotCodes { get; } = new(StringComparer.Ordinal);

    public bool Disbanded { get; set; }
}
