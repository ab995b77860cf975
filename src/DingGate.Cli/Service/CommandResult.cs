namespace DingGate.Cli.Service;

/// <summary>What a service-manager tool answered.</summary>
internal sealed record CommandResult(int ExitCode, string Output, string Error)
{
    public bool Ok => ExitCode == 0;

    public string Text => (Output + Environment.NewLine + Error).Trim();
}
