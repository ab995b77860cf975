namespace DingGate.Cli.Logs;

/// <summary>What <c>dinggate logs</c> was asked for.</summary>
internal sealed record LogsOptions
{
    public required string Directory { get; init; }

    public bool Follow { get; init; }

    public bool Json { get; init; }

    public int Lines { get; init; } = 100;

    public LogFilter Filter { get; init; } = new(null, null);

    /// <summary>How often <c>--follow</c> looks for new lines.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Local;
}
