using System.Collections.Frozen;
using DingGate.Emulator.Fixtures;

namespace DingGate.Emulator.Messages;

/// <summary>Checks an inject request against the fixtures: the app, the sender and the conversation must exist and fit.</summary>
internal sealed class MessageTargetResolver(AppRegistry apps, OrgDirectory org)
{
    private static readonly FrozenSet<string> GroupForbiddenTypes = FrozenSet.Create(StringComparer.Ordinal, "audio", "video", "file");

    public OrgUser? FindUser(string userId) => org.FindUser(userId);

    public (MessageTarget? Target, string? Error) Resolve(InjectRequest request)
    {
        var app = request.ClientId is null && apps.All.Count == 1 ? apps.All.First() : apps.FindByClientId(request.ClientId);
        if (app is null)
        {
            return (null, request.ClientId is null
                ? "'clientId' is required when more than one app is registered."
                : $"Unknown clientId '{request.ClientId}' (known: {string.Join(", ", apps.All.Select(a => a.ClientId))}).");
        }

        var user = org.FindUser(request.From);
        if (user is null)
        {
            return (null, $"Unknown user '{request.From}' in 'from' (add it with POST /_emulator/users).");
        }

        var unknownAt = request.AtUsers.Where(u => org.FindUser(u) is null).ToList();
        if (unknownAt.Count > 0)
        {
            return (null, "Unknown user ids in 'atUsers': " + string.Join(", ", unknownAt));
        }

        if (string.Equals(request.Conversation, "dm", StringComparison.OrdinalIgnoreCase))
        {
            return (new MessageTarget(app, user, org.SingleChatId(app.RobotCode, user.UserId), null), null);
        }

        var group = org.FindGroup(request.Conversation);
        if (group is null)
        {
            return (null, $"Unknown conversation '{request.Conversation}': use \"dm\" or a group's openConversationId.");
        }

        if (group.Disbanded)
        {
            return (null, $"Group '{group.OpenConversationId}' is disbanded.");
        }

        if (!group.InstalledRobotCodes.Contains(app.RobotCode))
        {
            return (null, $"The bot '{app.RobotCode}' is not installed in group '{group.OpenConversationId}'.");
        }

        if (!group.MemberUserIds.Contains(user.UserId))
        {
            return (null, $"User '{user.UserId}' is not a member of group '{group.OpenConversationId}'.");
        }

        if (GroupForbiddenTypes.Contains(request.MsgType))
        {
            return (null, $"Bots cannot receive '{request.MsgType}' messages in groups (only in 1:1 chats); DingTalk does not deliver them.");
        }

        return (new MessageTarget(app, user, group.OpenConversationId, group), null);
    }
}
