namespace DingGate.Cli.Service;

/// <summary>Picks the service manager of this OS: systemd (Linux), the Windows service manager; none on macOS (launchd is documented).</summary>
internal static class GatewayServices
{
    public static IGatewayService? ForThisOs(ICommandRunner runner, string home) =>
        OperatingSystem.IsLinux() ? new SystemdUserService(runner, SystemdUserService.DefaultUnitDirectory(home))
        : OperatingSystem.IsWindows() ? new WindowsScService(runner)
        : null;
}
