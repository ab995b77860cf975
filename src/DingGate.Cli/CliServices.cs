using DingGate.Cli.Service;

namespace DingGate.Cli;

/// <summary>What the commands use from the machine beyond the console: the process runner and the home directory (tests pass their own).</summary>
internal sealed record CliServices(ICommandRunner Runner, string Home)
{
    public static CliServices Default { get; } = new(new ProcessCommandRunner(), Core.Files.UserHome.Directory);
}
