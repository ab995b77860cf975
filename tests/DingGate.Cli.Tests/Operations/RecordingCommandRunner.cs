using DingGate.Cli.Service;

namespace DingGate.Cli.Tests.Operations;

// Stands in for systemctl / sc.exe (no service manager runs in the test machine): records each call, answers from a script.
internal sealed class RecordingCommandRunner : ICommandRunner
{
    private readonly List<string> _calls = [];

    public Func<IReadOnlyList<string>, CommandResult> Answer { get; set; } = _ => new CommandResult(0, string.Empty, string.Empty);

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public Task<CommandResult> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        lock (_calls)
        {
            _calls.Add(fileName + " " + string.Join(' ', arguments));
        }

        return Task.FromResult(Answer(arguments));
    }
}
