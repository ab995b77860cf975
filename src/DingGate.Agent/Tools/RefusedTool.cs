using Microsoft.Extensions.AI;

namespace DingGate.Agent.Tools;

/// <summary>
/// An owner-only tool offered to a sender who is not an owner: the model sees it as usual (so it can tell the user
/// honestly why it cannot act), but calling it returns a refusal and never runs the tool.
/// </summary>
internal sealed class RefusedTool(AIFunction inner) : DelegatingAIFunction(inner)
{
    /// <summary>The result the model gets instead of running <paramref name="name"/>.</summary>
    public static string Refusal(string name) =>
        $"Refused: the tool '{name}' may only be used by the owners of this bot, and the person you are talking to is not one. It was not run. Tell the user you cannot do this for them.";

    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        ValueTask.FromResult<object?>(Refusal(Name));
}
