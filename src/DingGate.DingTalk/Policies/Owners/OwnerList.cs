using DingGate.Core.Configuration;
using DingGate.Core.Inbound;

namespace DingGate.DingTalk.Policies.Owners;

/// <summary>
/// The owners of an account (<c>owners</c>), read from the account as it is now (a reload may change them): staff
/// ids, trimmed, one known prefix stripped (as <see cref="AllowFromList"/>), compared case-insensitively. <c>*</c> makes
/// nobody an owner (an owner is a person).
/// </summary>
internal static class OwnerList
{
    /// <summary>The account's owner staff ids.</summary>
    public static IReadOnlyList<string> Of(DingTalkAccount account) =>
        [.. account.Owners.Select(AllowFromList.Normalize).Where(o => o.Length > 0 && o != "*").Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Whether <paramref name="staffId"/> is one of the account's owners.</summary>
    public static bool Contains(DingTalkAccount account, string? staffId) =>
        !string.IsNullOrWhiteSpace(staffId) && Of(account).Contains(staffId.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the sender is one of the account's owners (by staff id: owners are members of the organisation).</summary>
    public static bool Contains(DingTalkAccount account, InboundSender sender) => Contains(account, sender.StaffId);
}
