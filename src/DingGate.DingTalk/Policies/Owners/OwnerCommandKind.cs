namespace DingGate.DingTalk.Policies.Owners;

/// <summary>The owner-only commands in a DM with the bot.</summary>
internal enum OwnerCommandKind
{
    Approve,
    Deny,
    Allow,
    Revoke,
    Pending,
    Gateway,
}
