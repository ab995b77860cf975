namespace DingGate.Cli.Service;

/// <summary>The gateway as a service of the OS's service manager (systemd user unit, Windows service).</summary>
internal interface IGatewayService
{
    /// <summary>What it is, for messages: "systemd user unit dinggate.service".</summary>
    string Description { get; }

    Task<ServiceOutcome> InstallAsync(ServiceDefinition definition, bool force, CancellationToken cancellationToken);

    Task<ServiceOutcome> UninstallAsync(CancellationToken cancellationToken);

    Task<ServiceOutcome> StartAsync(CancellationToken cancellationToken);

    Task<ServiceOutcome> StopAsync(CancellationToken cancellationToken);

    Task<ServiceOutcome> RestartAsync(CancellationToken cancellationToken);

    Task<ServiceState> StatusAsync(CancellationToken cancellationToken);
}
