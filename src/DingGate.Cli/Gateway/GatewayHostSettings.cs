using DingGate.Core.Configuration;

namespace DingGate.Cli.Gateway;

/// <summary>What the gateway host is built from: the loaded configuration and where state and logs go.</summary>
internal sealed record GatewayHostSettings
{
    public required DinggateConfig Config { get; init; }

    /// <summary>SQLite file, downloaded media, admin token.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Daily JSONL log files; null: no file log.</summary>
    public string? LogDirectory { get; init; }

    /// <summary>Where console log lines go (the foreground <c>dinggate gateway</c>: its stdout); null: no console log.</summary>
    public TextWriter? ConsoleLog { get; init; }

    /// <summary>Port of the admin endpoint on 127.0.0.1 (0: any free port, the default for embedded hosts and tests).</summary>
    public int AdminPort { get; init; }

    /// <summary>How long a stop waits for running answers before cancelling them (they are then finalized as interrupted).</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The config file <see cref="Config"/> was loaded from; when set (and <c>gateway.reload</c> is not false) the host
    /// watches it and applies valid edits without a restart (docs/configuration.md, "Reload"). Null: no reload.
    /// </summary>
    public Reload.ConfigFileSource? ConfigFile { get; init; }

    /// <summary>Last word on the services (tests: a fake chat client; the sandbox: extra endpoints).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureServices { get; init; }
}
