using System.Security.Cryptography.X509Certificates;

namespace DingGate.Emulator.Tls;

/// <summary>TLS material for <see cref="EmulatorOptions.Tls"/>: a generated CA (written as PEM) and a server certificate.</summary>
internal sealed class EmulatorTls
{
    /// <summary>Default CA certificate file: <c>dinggate-emulator-ca.pem</c> in the temp folder.</summary>
    public static readonly string DefaultCaPath = Path.Combine(Path.GetTempPath(), "dinggate-emulator-ca.pem");

    private static readonly TimeSpan ServerValidity = TimeSpan.FromDays(365);
    private static readonly TimeSpan FreshCaValidity = TimeSpan.FromDays(366);
    private static readonly TimeSpan SavedCaValidity = TimeSpan.FromDays(3650);

    public required X509Certificate2 ServerCertificate { get; init; }

    public required string CaPath { get; init; }

    // Certificates are checked by real clients against the real clock, so this deliberately ignores
    // EmulatorOptions.TimeProvider (tests fake that one, often at a fixed date).
    public static EmulatorTls Prepare(EmulatorOptions options) => Prepare(options, TimeProvider.System);

    public static EmulatorTls Prepare(EmulatorOptions options, TimeProvider clock)
    {
        var caPath = Path.GetFullPath(options.CaCertificatePath ?? DefaultCaPath);
        var keyPath = options.CaKeyPath is null ? null : Path.GetFullPath(options.CaKeyPath);
        using var authority = LoadOrCreate(caPath, keyPath, clock);
        var hostNames = options.TlsHostNames.Append(options.Host);
        if (options.PublicBaseUrl is not null)
        {
            hostNames = hostNames.Append(options.PublicBaseUrl.IdnHost);
        }

        if (options.PublicHost is not null)
        {
            hostNames = hostNames.Append(options.PublicHost);
        }

        var server = ServerCertificateFactory.Issue(authority, hostNames, clock, ServerValidity);
        return new EmulatorTls { ServerCertificate = server, CaPath = caPath };
    }

    private static CertificateAuthority LoadOrCreate(string caPath, string? keyPath, TimeProvider clock)
    {
        if (keyPath is not null && File.Exists(caPath) && File.Exists(keyPath))
        {
            var saved = CertificateAuthority.TryLoad(caPath, keyPath, clock);
            if (saved is not null)
            {
                return saved; // already written: the user may have trusted exactly this file
            }
        }

        var created = CertificateAuthority.Create(clock, keyPath is null ? FreshCaValidity : SavedCaValidity);
        created.Save(caPath, keyPath);
        return created;
    }
}
