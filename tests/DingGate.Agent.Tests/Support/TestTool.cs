using DingGate.Agent.Tools;
using Microsoft.Extensions.AI;

namespace DingGate.Agent.Tests.Support;

// A built-in tool for tests: runs the given body and counts its runs.
internal sealed class TestTool(string name, Func<AIFunctionArguments, CancellationToken, Task<object?>> body) : IBuiltinTool
{
    private int _runs;

    public string Name => name;

    public string Description => $"Test tool {name}.";

    public int Runs => Volatile.Read(ref _runs);

    public List<ToolTurnContext> Turns { get; } = [];

    public static TestTool Returning(string name, string result) => new(name, (_, _) => Task.FromResult<object?>(result));

    public AIFunction Create(ToolTurnContext turn)
    {
        Turns.Add(turn);
        return AIFunctionFactory.Create(
            async (AIFunctionArguments arguments, CancellationToken cancellationToken) =>
            {
                Interlocked.Increment(ref _runs);
                return await body(arguments, cancellationToken);
            },
            new AIFunctionFactoryOptions { Name = name, Description = Description });
    }
}
