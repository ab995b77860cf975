namespace DingGate.Cli.Service;

/// <summary>Runs a service-manager tool (systemctl, sc.exe) and returns its exit code and output.</summary>
internal interface ICommandRunner
{
    Task<CommandResult> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}
