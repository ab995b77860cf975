using DingGate.Core.Configuration;
using DingGate.Core.Texts;

namespace DingGate.Agent.Sessions;

// The language of the texts the agent itself sends to an account's users: channels.dingtalk.locale of the account as
// the live configuration has it now (read at each use, so a reload applies); the default without a live config.
internal sealed class AccountLocales(LiveConfig? live = null)
{
    public BotLocale For(string? accountId) => live is null ? BotLocales.Default : BotLocales.ForAccount(live.Current, accountId);
}
