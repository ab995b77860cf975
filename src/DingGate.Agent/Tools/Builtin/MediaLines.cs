using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;

namespace DingGate.Agent.Tools.Builtin;

// Whether a turn honours MEDIA: lines: exactly when send_file could run in it, i.e. the agent's tools.allow names
// send_file (or *), its tools.deny does not, and, when tools.ownerOnly lists send_file, the sender is an owner of the
// account. Otherwise the text passes unchanged (nothing is read or fetched).
internal sealed class MediaLines(DinggateConfig config, FileSender sender)
{
    // A writer for the turn, or null when MEDIA: lines are not honoured in it.
    public MediaLineWriter? For(AgentSettings agent, InboundMessage message, IReplySink reply)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(message);
        return SendFileAllowed(agent, message) ? new MediaLineWriter(sender, reply, message.AccountId) : null;
    }

    private bool SendFileAllowed(AgentSettings agent, InboundMessage message)
    {
        var tools = agent.Tools;
        if (!Names(tools.Allow) || Names(tools.Deny))
        {
            return false;
        }

        if (!Names((IEnumerable<string>?)config.Tools.OwnerOnly ?? ToolsSettings.DefaultOwnerOnly))
        {
            return true;
        }

        var staffId = message.Sender.StaffId;
        var account = config.Channels.Dingtalk?.Resolve().FirstOrDefault(a => a.Id == message.AccountId);
        return staffId is not null && account is not null && account.Owners.Contains(staffId, StringComparer.Ordinal);
    }

    private static bool Names(IEnumerable<string> patterns) =>
        patterns.Any(p => p.Trim() is "*" or SendFileTool.ToolName);
}
