using DingGate.Core.Configuration;

namespace DingGate.Agent.Scheduling;

// channels.dingtalk.owners per account: owners may list and remove everyone's jobs.
internal sealed class AccountOwners
{
    private readonly Dictionary<string, HashSet<string>> _owners;

    public AccountOwners(DinggateConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var accounts = config.Channels.Dingtalk?.Resolve() ?? [];
        _owners = accounts.ToDictionary(a => a.Id, a => a.Owners.ToHashSet(StringComparer.OrdinalIgnoreCase), StringComparer.Ordinal);
    }

    public bool IsOwner(string accountId, string? staffId) =>
        staffId is not null && _owners.TryGetValue(accountId, out var owners) && owners.Contains(staffId);
}
