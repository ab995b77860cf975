using DingGate.Core.Configuration;

namespace DingGate.DingTalk;

/// <summary>
/// What a config reload means for one running account. The keys the running parts read through
/// <see cref="LiveAccount.Current"/> (<see cref="LiveKeys"/>) change in place; <c>debug</c> (the log filter) and
/// <c>quota</c> (the quota groups) are kept in the account but take effect at the next start; any other key
/// (credentials, endpoints, connection and reply tuning) is captured by the runtime's parts, so the account reconnects.
/// </summary>
internal static class AccountReload
{
    /// <summary>Account keys that apply in place, without a reconnect.</summary>
    public static readonly IReadOnlyList<string> LiveKeys = ["dmPolicy", "groupPolicy", "allowFrom", "groups", "owners", "locale", "messageType"];

    private static readonly IReadOnlyList<string> NoIds = [];
    private static readonly IReadOnlyDictionary<string, DingTalkGroupSettings> NoGroups = new Dictionary<string, DingTalkGroupSettings>();
    private static readonly DingTalkQuota NoQuota = new();

    /// <summary>True when <paramref name="next"/> differs from <paramref name="running"/> in a key the runtime captured.</summary>
    public static bool NeedsReconnect(DingTalkAccount running, DingTalkAccount next) =>
        !Connection(running).Equals(Connection(next));

    /// <summary>
    /// The captured keys that differ, for the log line (<c>clientSecret</c>, <c>endpoints.api</c>, …; never values);
    /// "connection settings" when only tuning keys differ.
    /// </summary>
    public static IReadOnlyList<string> ReconnectReasons(DingTalkAccount running, DingTalkAccount next)
    {
        var reasons = new List<string>();
        Add(reasons, "clientId", running.ClientId != next.ClientId);
        Add(reasons, "clientSecret", running.ClientSecret != next.ClientSecret);
        Add(reasons, "robotCode", running.RobotCode != next.RobotCode);
        Add(reasons, "endpoints.api", running.ApiBaseUrl != next.ApiBaseUrl);
        Add(reasons, "endpoints.oapi", running.OapiBaseUrl != next.OapiBaseUrl);
        var credentials = running with { ClientId = next.ClientId, ClientSecret = next.ClientSecret, RobotCode = next.RobotCode, ApiBaseUrl = next.ApiBaseUrl, OapiBaseUrl = next.OapiBaseUrl };
        Add(reasons, "connection settings", NeedsReconnect(credentials, next));
        return reasons;
    }

    // The account without the keys that do not need a reconnect: every other field is a value (string, number, Uri,
    // TimeSpan, record), so record equality compares them all, including keys added later.
    private static DingTalkAccount Connection(DingTalkAccount a) => a with
    {
        DmPolicy = default, GroupPolicy = default, AllowFrom = NoIds, Groups = NoGroups, Owners = NoIds, Locale = default,
        MessageType = string.Empty, Debug = false, Quota = NoQuota,
    };

    private static void Add(List<string> reasons, string key, bool changed)
    {
        if (changed)
        {
            reasons.Add(key);
        }
    }
}
