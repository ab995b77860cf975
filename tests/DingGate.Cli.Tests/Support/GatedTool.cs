using DingGate.Agent.Tools;
using Microsoft.Extensions.AI;

namespace DingGate.Cli.Tests.Support;

/// <summary>A built-in tool for gateway tests: each call waits for <see cref="Release"/>, then returns its text or throws.</summary>
internal sealed class GatedTool(string name, string? result) : IBuiltinTool
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => name;

    public string Description => $"Test tool {name}.";

    /// <summary>Completes when the model's call reached the tool.</summary>
    public Task Called => _called.Task;

    /// <summary>Lets the waiting call (and later ones) finish.</summary>
    public void Release() => _release.TrySetResult();

    public AIFunction Create(ToolTurnContext turn) =>
        AIFunctionFactory.Create(
            async (string city, CancellationToken cancellationToken) =>
            {
                _called.TrySetResult();
                await _release.Task.WaitAsync(cancellationToken);
                return result ?? throw new InvalidOperationException("weather service unavailable");
            },
            new AIFunctionFactoryOptions { Name = name, Description = Description });
}
