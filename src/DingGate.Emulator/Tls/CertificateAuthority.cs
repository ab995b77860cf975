using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DingGate.Emulator.Tls;

/// <summary>
/// The emulator's own root CA (ECDSA P-256). Created fresh per start, or loaded from / saved to PEM files when the
/// user wants to trust it once (<see cref="EmulatorOptions.CaKeyPath"/>).
/// </summary>
internal sealed class CertificateAuthority : IDisposable
{
    public const string SubjectName = "CN=DingGate Emulator Local CA, O=DingGate Emulator";

    private CertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The CA certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public static CertificateAuthority Create(TimeProvider clock, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(SubjectName, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        var now = clock.GetUtcNow();

        // Back-dated a day so a client whose clock is slightly behind still accepts it.
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.Add(validity));
        return new CertificateAuthority(Exportable(created));
    }

    /// <summary>Loads a CA saved by <see cref="Save"/>; null when it is unusable (expired soon, not a CA, no key).</summary>
    public static CertificateAuthority? TryLoad(string certificatePath, string keyPath, TimeProvider clock)
    {
        X509Certificate2 loaded;
        try
        {
            loaded = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return null;
        }

        using (loaded)
        {
            var basic = loaded.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
            var stillValid = loaded.NotAfter.ToUniversalTime() > clock.GetUtcNow().UtcDateTime.AddDays(30);
            return basic is { CertificateAuthority: true } && loaded.HasPrivateKey && stillValid
                ? new CertificateAuthority(Exportable(loaded))
                : null;
        }
    }

    /// <summary>Writes the certificate PEM (public, shareable) and, when asked, the private key PEM (owner-only).</summary>
    public void Save(string certificatePath, string? keyPath)
    {
        PemFiles.WriteAtomically(certificatePath, Certificate.ExportCertificatePem(), secret: false);
        if (keyPath is not null)
        {
            using var key = Certificate.GetECDsaPrivateKey()!;
            PemFiles.WriteAtomically(keyPath, key.ExportPkcs8PrivateKeyPem(), secret: true);
        }
    }

    public void Dispose() => Certificate.Dispose();

    // Keys from CertificateRequest/CreateFromPem are ephemeral; a PKCS#12 round-trip gives a key every TLS stack accepts.
    internal static X509Certificate2 Exportable(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null, X509KeyStorageFlags.Exportable);
}
