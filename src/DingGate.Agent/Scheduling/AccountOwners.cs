using DingGate.Core.Configuration;

namespace DingGate.Agent.Scheduling;

// channels.dingtalk.owners per account: owners may list and remove everyone's jobs. Read from the live configuration at
// each check, so owners follow a reloaded config file.
internal sealed class AccountOwners(LiveConfig live)
{
    public AccountOwners(DinggateConfig config)
        : this(new LiveConfig(config))
    {
    }

    public bool IsOwner(string accountId, string? staffId) =>
        staffId is not null
        && live.Current.Channels.Dingtalk?.Resolve().FirstOrDefault(a => a.Id == accountId) is { } account
        && account.Owners.Contains(staffId, StringComparer.OrdinalIgnoreCase);
}
