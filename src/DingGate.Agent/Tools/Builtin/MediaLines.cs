using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Texts;

namespace DingGate.Agent.Tools.Builtin;

// Whether a turn honours MEDIA: lines: exactly when send_file could run in it (ToolPolicy: the agent's tools.allow
// names send_file or *, its tools.deny does not, and when send_file is owner-only the sender is an owner). Otherwise
// the text passes unchanged (nothing is read or fetched).
internal sealed class MediaLines(DinggateConfig config, FileSender sender, LiveConfig? live = null)
{
    // A writer for the turn, or null when MEDIA: lines are not honoured in it.
    public MediaLineWriter? For(AgentSettings agent, InboundMessage message, IReplySink reply, bool senderIsOwner, BotLocale locale)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(message);
        var allowed = ToolPolicy.IsAllowed(agent.Tools, ToolSources.Builtin, SendFileTool.ToolName)
            && (senderIsOwner || !ToolPolicy.IsOwnerOnly(live?.Current ?? config, ToolSources.Builtin, SendFileTool.ToolName));
        return allowed ? new MediaLineWriter(sender, reply, message.AccountId, locale) : null;
    }
}
