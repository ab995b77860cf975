using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace DingGate.DingTalk.Stream.Registration;

// localIp of the registration (diagnostics only, spec §1.2): the first up, non-loopback IPv4 address, else "".
internal static class LocalAddress
{
    public static string Find()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)?.ToString() ?? string.Empty;
        }
        catch (NetworkInformationException)
        {
            return string.Empty;
        }
    }
}
