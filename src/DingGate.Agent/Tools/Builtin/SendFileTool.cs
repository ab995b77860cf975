using System.ComponentModel;
using Microsoft.Extensions.AI;

namespace DingGate.Agent.Tools.Builtin;

// send_file: attaches a workspace file or a downloaded URL to the current answer (FileSender).
internal sealed class SendFileTool(FileSender sender) : IBuiltinTool
{
    public const string ToolName = "send_file";

    public string Name => ToolName;

    public string Description =>
        "Attach a file or image to your current answer: a path in the gateway's workspace directory or an http(s) URL. " +
        "Images are shown inside the answer, other files are sent right after it.";

    public AIFunction Create(ToolTurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return AIFunctionFactory.Create(
            async (
                [Description("A file path relative to the workspace directory, or an http(s) URL.")] string path_or_url,
                CancellationToken cancellationToken,
                [Description("Optional file name shown to the user.")] string? name = null) =>
                (await sender.SendAsync(path_or_url, name, turn.Reply, turn.Message.AccountId, cancellationToken)).Message,
            new AIFunctionFactoryOptions { Name = ToolName, Description = Description });
    }
}
