using DingGate.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Sandbox;

/// <summary>How <see cref="SandboxRunner"/> runs: the port, the user's configuration (for its models) and test hooks.</summary>
internal sealed record SandboxRunOptions
{
    /// <summary>Port of the page and the emulator (0: any free port).</summary>
    public int Port { get; init; } = 9580;

    /// <summary>The user's configuration when one loads; its models answer instead of the demo model.</summary>
    public DinggateConfig? UserConfig { get; init; }

    /// <summary>Keep state here instead of a temporary directory (not deleted).</summary>
    public string? StateDirectory { get; init; }

    /// <summary>Called with the page URL once everything runs (tests).</summary>
    public Action<Uri>? Started { get; init; }

    /// <summary>Last word on the gateway's services (tests: a fake chat client).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
