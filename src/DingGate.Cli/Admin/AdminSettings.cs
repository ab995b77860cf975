namespace DingGate.Cli.Admin;

/// <summary>Where the admin endpoint listens and where its token and announcement live.</summary>
/// <param name="Port">Port on 127.0.0.1; 0 any free port.</param>
/// <param name="StateDirectory">The gateway's state directory.</param>
internal sealed record AdminSettings(int Port, string StateDirectory)
{
    public const int DefaultPort = 18790;
}
