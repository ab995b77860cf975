using DingGate.Core.Configuration;
using DingGate.Core.Configuration.Loading;
using DingGate.Storage.Postgres;
using DingGate.Storage.Sqlite;

namespace DingGate.Cli.Config;

/// <summary>
/// Warns about allowlist policies that let nobody in: <c>dmPolicy: "allowlist"</c> with no <c>allowFrom</c> entry and
/// no sender approved in the state directory (by pairing or <c>dinggate allow add</c>), and <c>groupPolicy:
/// "allowlist"</c> with no group listed under <c>groups</c>. The approvals are read from the state database of
/// <c>storage.provider</c> (the SQLite file of the state directory, or the PostgreSQL database) when it exists,
/// read-only; before the first start there are none.
/// </summary>
internal static class AllowlistCheck
{
    public static async Task<IReadOnlyList<ConfigWarning>> RunAsync(
        DingTalkChannelSettings channel, IReadOnlyList<DingTalkAccount> accounts, StorageSettings storage, string stateDirectory, CancellationToken cancellationToken)
    {
        var warnings = new List<ConfigWarning>();
        var needsApprovals = accounts.Any(a => a.DmPolicy == DmPolicy.Allowlist && !HasEntries(a.AllowFrom));
        IReadOnlyDictionary<string, int>? approved = null;
        string? unreadable = null;
        if (needsApprovals)
        {
            try
            {
                approved = storage.EffectiveProvider == StorageProvider.Postgres && !string.IsNullOrWhiteSpace(storage.ConnectionString)
                    ? await PostgresApprovedSenders.CountByAccountAsync(storage.ConnectionString, cancellationToken)
                    : await SqliteApprovedSenders.CountByAccountAsync(stateDirectory, cancellationToken);
            }
            catch (SqliteStorageException ex)
            {
                unreadable = ex.Message;
            }
            catch (PostgresStorageException ex)
            {
                unreadable = ex.Message;
            }
        }

        foreach (var account in accounts)
        {
            var at = channel.Accounts.Count == 0 ? "channels.dingtalk" : $"channels.dingtalk.accounts.{account.Id}";
            if (account.DmPolicy == DmPolicy.Allowlist && !HasEntries(account.AllowFrom) && approved?.GetValueOrDefault(account.Id) is null or 0)
            {
                var where = storage.EffectiveProvider == StorageProvider.Postgres ? "the PostgreSQL state database" : stateDirectory;
                var store = unreadable is null ? $"no sender is approved in {where}" : $"the approved senders could not be read ({unreadable})";
                warnings.Add(new ConfigWarning(
                    ConfigPath(at, "allowFrom"),
                    $"dmPolicy is allowlist but allowFrom is empty and {store}: nobody can message the bot directly; add user ids to allowFrom, or approve one with 'dinggate allow add <userId> --account {account.Id}'"));
            }

            if (account.GroupPolicy == GroupPolicy.Allowlist && account.Groups.Count == 0)
            {
                warnings.Add(new ConfigWarning(
                    ConfigPath(at, "groups"),
                    "groupPolicy is allowlist but no group is listed under groups: every group message is refused; list groups as groups.<openConversationId> (allowFrom or groupAllowFrom then choose the senders)"));
            }
        }

        return warnings;
    }

    private static bool HasEntries(IReadOnlyList<string> allowFrom) => allowFrom.Any(e => !string.IsNullOrWhiteSpace(e));

    private static string ConfigPath(string parent, string key) => parent + "." + key;
}
