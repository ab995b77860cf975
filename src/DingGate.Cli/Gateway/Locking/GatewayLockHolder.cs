using System.Diagnostics;
using DingGate.Cli.Admin;

namespace DingGate.Cli.Gateway.Locking;

/// <summary>Who holds a state directory's lock, as far as its <c>admin.json</c> tells: pid and admin URL.</summary>
internal sealed record GatewayLockHolder(int Pid, Uri AdminUrl)
{
    /// <summary>
    /// The announcement in <paramref name="stateDirectory"/> when its process is alive; null when there is none yet
    /// (the holder is still starting) or it is stale (left by a process that crashed; the holder has not announced).
    /// </summary>
    public static GatewayLockHolder? Find(string stateDirectory) =>
        AdminAnnouncement.ReadFrom(stateDirectory) is { } announced && IsAlive(announced.Pid)
            ? new GatewayLockHolder(announced.Pid, announced.Url)
            : null;

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
