using System.Collections.Concurrent;

namespace DingGate.Emulator.Fixtures;

/// <summary>
/// Users, groups and 1:1 bot conversations. Seeded with a small demo org; tests and the control API add more.
/// </summary>
internal sealed class OrgDirectory
{
    private readonly ConcurrentDictionary<string, OrgUser> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OrgGroup> _groups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string RobotCode, string UserId), string> _singleChats = new();
    private readonly IdGenerator _ids;
    private readonly Lock _gate = new();

    public OrgDirectory(IdGenerator ids, AppRegistry apps)
    {
        _ids = ids;
        AddUser("user001", "张三", isAdmin: true);
        AddUser("user002", "李四");
        AddUser("user003", "王五");
        AddUser("ext001", "External Partner", external: true);
        AddUser("blocker001", "孙七", blocksBots: true);
        var group = AddGroup("cidDemoGroup0001==", "测试群", ["user001", "user002", "user003"]);
        foreach (var app in apps.All)
        {
            group.InstalledRobotCodes.Add(app.RobotCode);
        }
    }

    public IReadOnlyCollection<OrgUser> Users => _users.Values.OrderBy(u => u.UserId, StringComparer.Ordinal).ToList();

    public IReadOnlyCollection<OrgGroup> Groups => _groups.Values.OrderBy(g => g.OpenConversationId, StringComparer.Ordinal).ToList();

    public OrgUser AddUser(
        string userId, string nick, bool isAdmin = false, bool external = false, string corpId = "dingcorpemulator001", bool blocksBots = false, bool flowControlled = false)
    {
        var user = new OrgUser(userId, _ids.NewBase64Id(20) + "iE", nick, "$:LWCP_v1:$" + _ids.NewBase64Id(24), corpId, isAdmin, external)
        {
            BlocksBots = blocksBots, FlowControlled = flowControlled,
        };
        return _users.GetOrAdd(userId, user);
    }

    public OrgUser? FindUser(string? userId) => userId is not null && _users.TryGetValue(userId, out var u) ? u : null;

    public OrgGroup AddGroup(string openConversationId, string title, IEnumerable<string> memberUserIds)
    {
        var group = _groups.GetOrAdd(openConversationId, id => new OrgGroup(id, title));
        lock (_gate)
        {
            foreach (var member in memberUserIds)
            {
                group.MemberUserIds.Add(member);
            }
        }

        return group;
    }

    public OrgGroup? FindGroup(string? openConversationId) =>
        openConversationId is not null && _groups.TryGetValue(openConversationId, out var g) ? g : null;

    /// <summary>The conversation id of the 1:1 chat between a user and a bot (also <c>cid…</c>), created on first use.</summary>
    public string SingleChatId(string robotCode, string userId) =>
        _singleChats.GetOrAdd((robotCode, userId), _ => "cid" + _ids.NewBase64Id(22) + "==");

    /// <summary>Reverse lookup of a 1:1 conversation id.</summary>
    public (string RobotCode, string UserId)? FindSingleChat(string conversationId)
    {
        foreach (var pair in _singleChats)
        {
            if (string.Equals(pair.Value, conversationId, StringComparison.Ordinal))
            {
                return pair.Key;
            }
        }

        return null;
    }
}
