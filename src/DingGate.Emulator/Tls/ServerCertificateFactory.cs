using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DingGate.Emulator.Tls;

/// <summary>Issues the emulator's TLS server certificate (ECDSA P-256, serverAuth) signed by the emulator CA.</summary>
internal static class ServerCertificateFactory
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    public static X509Certificate2 Issue(CertificateAuthority authority, IEnumerable<string> hostNames, TimeProvider clock, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var names = SubjectAlternativeNames(hostNames);
        var request = new CertificateRequest("CN=" + names.DnsNames[0] + ", O=DingGate Emulator", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthOid)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority.Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        request.CertificateExtensions.Add(names.Builder.Build(critical: false));

        var now = clock.GetUtcNow();
        var notBefore = now.AddDays(-1);
        var notAfter = now.Add(validity);
        var caNotAfter = new DateTimeOffset(authority.Certificate.NotAfter.ToUniversalTime());
        if (notAfter > caNotAfter)
        {
            notAfter = caNotAfter; // a certificate may not outlive its issuer
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive
        using var signed = request.Create(authority.Certificate, notBefore, notAfter, serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        return CertificateAuthority.Exportable(withKey);
    }

    private static (SubjectAlternativeNameBuilder Builder, List<string> DnsNames) SubjectAlternativeNames(IEnumerable<string> hostNames)
    {
        var builder = new SubjectAlternativeNameBuilder();
        var dns = new List<string>();
        var ips = new List<IPAddress>();
        foreach (var name in hostNames.Append("localhost").Append("127.0.0.1").Append("::1"))
        {
            if (IPAddress.TryParse(name, out var ip))
            {
                if (!ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any) && !ips.Contains(ip))
                {
                    ips.Add(ip);
                    builder.AddIpAddress(ip);
                }
            }
            else if (!string.IsNullOrWhiteSpace(name) && !dns.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                dns.Add(name);
                builder.AddDnsName(name);
            }
        }

        return (builder, dns);
    }
}
