namespace DingGate.Cli.Admin;

/// <summary>Where the admin endpoint listens and where its token and announcement live.</summary>
/// <param name="Port">Port on 127.0.0.1; 0 any free port.</param>
/// <param name="StateDirectory">The gateway's state directory.</param>
internal sealed record AdminSettings(int Port, string StateDirectory)
{
    public const int DefaultPort = 18790;

    /// <summary>Largest request body the admin endpoint reads (its one POST takes a few dozen bytes); larger ones get 413.</summary>
    public const int MaxRequestBodyBytes = 64 * 1024;
}
