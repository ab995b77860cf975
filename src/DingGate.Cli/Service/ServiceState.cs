namespace DingGate.Cli.Service;

/// <summary>The service manager's view: installed, running, and its own words (e.g. "active (running) since …").</summary>
internal sealed record ServiceState(bool Available, bool Installed, bool Active, string Detail);
