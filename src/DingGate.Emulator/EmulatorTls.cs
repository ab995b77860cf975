using System.Security.Cryptography.X509Certificates;

namespace DingGate.Emulator;

/// <summary>TLS material for <see cref="EmulatorOptions.Tls"/>: a generated CA (written as PEM) and a server certificate.</summary>
internal sealed class EmulatorTls
{
    public required X509Certificate2 ServerCertificate { get; init; }

    public required string CaPath { get; init; }

    public static EmulatorTls Prepare(EmulatorOptions options) =>
        throw new NotSupportedException("TLS mode is not built yet.");
}
