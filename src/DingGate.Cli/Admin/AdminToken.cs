using System.Security.Cryptography;
using DingGate.Core.Files;

namespace DingGate.Cli.Admin;

/// <summary>
/// The admin endpoint's bearer token: <c>&lt;stateDir&gt;/admin.token</c>, created on the first start (owner-only on
/// Unix) and kept, so scripts and <c>dinggate gateway status</c> on the same machine can read it.
/// </summary>
internal static class AdminToken
{
    public const string FileName = "admin.token";

    public static string LoadOrCreate(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, FileName);
        if (Read(path) is { } existing)
        {
            return existing;
        }

        PrivateFiles.CreateDirectory(stateDirectory);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        using (var writer = new StreamWriter(PrivateFiles.Open(path, FileMode.Create, FileAccess.Write, FileShare.None)))
        {
            writer.Write(token);
        }

        return token;
    }

    /// <summary>The token of a state directory, null when no gateway ever started there.</summary>
    public static string? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var text = File.ReadAllText(path).Trim();
        return text.Length >= 32 ? text : null;
    }

    /// <summary>Constant-time comparison of a presented token.</summary>
    public static bool Matches(string expected, string? presented) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(presented));
}
