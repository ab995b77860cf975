using System.Net.Sockets;
using System.Security.Cryptography;
using DingGate.Emulator;
using Microsoft.AspNetCore.Connections;

namespace DingGate.Cli.Emulator;

/// <summary>Starts the emulator, prints where it is, and keeps it running until the command is cancelled.</summary>
internal static class EmulatorRunner
{
    private const string Name = "dinggate emulator";

    public static async Task<int> RunAsync(EmulatorOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        EmulatorHost host;
        try
        {
            host = EmulatorHost.Create(options);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{Name}: cannot prepare TLS certificates: {ex.Message}");
            return ExitCodes.Runtime;
        }

        await using (host)
        {
            try
            {
                await host.StartAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                await error.WriteLineAsync($"{Name}: cannot listen on {Endpoint(options)}: {Reason(ex, options)}");
                return ExitCodes.Runtime;
            }

            await EmulatorBanner.WriteAsync(output, host);
            await host.WaitForShutdownAsync(cancellationToken);
        }

        await output.WriteLineAsync("Emulator stopped.");
        await output.FlushAsync(CancellationToken.None);
        return ExitCodes.Ok;
    }

    private static string Endpoint(EmulatorOptions options) =>
        options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]:{options.Port}" : $"{options.Host}:{options.Port}";

    private static string Reason(Exception ex, EmulatorOptions options)
    {
        var socket = ex as SocketException ?? ex.InnerException as SocketException;
        if (ex is AddressInUseException || ex.InnerException is AddressInUseException || socket?.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return "the address is already in use (is another emulator running? choose another --port, or --port 0)";
        }

        if (socket?.SocketErrorCode == SocketError.AccessDenied && options.Port is > 0 and < 1024)
        {
            return "permission denied (ports below 1024 need root, CAP_NET_BIND_SERVICE or a port redirect; see docs/emulator.md)";
        }

        return (ex.InnerException ?? ex).Message;
    }
}
