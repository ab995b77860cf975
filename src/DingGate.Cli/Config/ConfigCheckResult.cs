using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Config;

/// <summary>What <see cref="ConfigCheck"/> found: the configuration when it can run, else the errors; warnings either way.</summary>
internal sealed record ConfigCheckResult(LoadedConfig? Loaded, IReadOnlyList<ConfigError> Errors, IReadOnlyList<ConfigWarning> Warnings)
{
    public bool IsValid => Loaded is not null && Errors.Count == 0;

    /// <summary>Writes the warnings, then the errors, one line each (<c>warning: path: …</c>, <c>error: path: …</c>).</summary>
    public async Task WriteAsync(TextWriter error, CancellationToken cancellationToken)
    {
        await ConfigReport.WriteWarningsAsync(Warnings, error, cancellationToken);
        await ConfigReport.WriteErrorsAsync(Errors, error, cancellationToken);
    }
}
