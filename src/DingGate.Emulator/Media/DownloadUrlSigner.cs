using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DingGate.Emulator.Media;

/// <summary>
/// Signs and checks the temporary file URLs handed out by <c>messageFiles/download</c>:
/// <c>/_files/&lt;id&gt;?Expires=&lt;unix s&gt;&amp;Signature=&lt;HMAC-SHA256&gt;</c> with a key random per emulator instance.
/// </summary>
internal sealed class DownloadUrlSigner(EmulatorOptions options, EmulatorAddress address)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string CreateUrl(string fileId)
    {
        var expires = (options.TimeProvider.GetUtcNow() + options.DownloadUrlLifetime).ToUnixTimeSeconds();
        var signature = Uri.EscapeDataString(Sign(fileId, expires));
        return address.Url($"/_files/{fileId}?Expires={expires.ToString(CultureInfo.InvariantCulture)}&Signature={signature}");
    }

    /// <summary>True when the signature matches and the URL has not expired on the emulator clock.</summary>
    public bool IsValid(string fileId, string? expires, string? signature)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt) || signature is null)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(fileId, expiresAt));
        var actual = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, actual) && options.TimeProvider.GetUtcNow().ToUnixTimeSeconds() < expiresAt;
    }

    private string Sign(string fileId, long expires)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(fileId + "\n" + expires.ToString(CultureInfo.InvariantCulture)));
        return Convert.ToBase64String(mac);
    }
}
