using System.Text;
using System.Text.Json;
using DingGate.Core.Files;

namespace DingGate.Cli.Admin;

/// <summary>
/// Decides whether the CLI may send the admin token to the endpoint a state directory announces, before any
/// connection is made. <c>admin.json</c> must be a regular file owned by this user (the gateway writes it 0600, so
/// one owned by anybody else was not written by a gateway of ours) with no group or other permission bits, naming a
/// loopback URL (<see cref="LoopbackUrl"/>); <c>admin.token</c> must be a regular file owned by this user with no
/// group or other bits. Anything else throws <see cref="AdminTrustException"/> with a fix line. On Windows (ACLs,
/// no Unix owner or mode) only the URL is checked.
/// </summary>
internal static class AdminEndpointTrust
{
    // admin.json is ~100 bytes and the token 64: anything much larger is not ours.
    private const int MaxBytes = 64 * 1024;

    /// <summary>The endpoint and its token; null when the state directory announces none (no gateway runs there).</summary>
    public static TrustedAdminEndpoint? Resolve(string stateDirectory)
    {
        var announcementPath = AdminAnnouncement.PathIn(stateDirectory);
        if (ReadPrivate(announcementPath, "the gateway's announcement", $"chmod 600 {announcementPath}") is not { } json)
        {
            return null;
        }

        AdminAnnouncement? announced;
        try
        {
            announced = JsonSerializer.Deserialize(json, AdminJson.Default.AdminAnnouncement);
        }
        catch (JsonException ex)
        {
            throw new AdminTrustException($"{announcementPath} is not a gateway announcement ({ex.Message})", RemoveFix(announcementPath));
        }

        if (announced?.Url is not { } url)
        {
            throw new AdminTrustException($"{announcementPath} names no admin URL", RemoveFix(announcementPath));
        }

        if (!LoopbackUrl.IsLoopback(url))
        {
            throw new AdminTrustException(
                $"{announcementPath} names {url}, which is not a loopback address ({LoopbackUrl.Allowed}); the admin token is only ever sent to this machine",
                $"find out who wrote {announcementPath}, then remove it (rm {announcementPath}); a running gateway writes it again when it restarts");
        }

        var tokenPath = Path.Combine(stateDirectory, AdminToken.FileName);
        var token = ReadPrivate(tokenPath, "the admin token", $"chmod 600 {tokenPath}")?.Trim();
        return token is { Length: >= 32 } ? new TrustedAdminEndpoint(url, token) : null;
    }

    private static string RemoveFix(string path) =>
        $"remove {path} (rm {path}) if no gateway of yours runs on this state directory; a running gateway writes it again when it restarts";

    // The file's text when it exists and is private to this user; null when it does not exist.
    private static string? ReadPrivate(string path, string what, string modeFix)
    {
        if (!OperatingSystem.IsWindows())
        {
            // lstat first: a symbolic link is refused, and a FIFO or device is never opened (opening a FIFO blocks).
            if (UnixFileStatus.OfPath(path) is not { } link)
            {
                return null;
            }

            if (link.IsSymbolicLink || !link.IsRegularFile)
            {
                throw new AdminTrustException($"{path} ({what}) is not a regular file", $"remove it (rm {path}); the gateway writes a new one at its next start");
            }
        }

        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return null; // removed meanwhile: the gateway stopped
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new AdminTrustException($"{path} ({what}) cannot be read: {ex.Message}", $"run this as the user that runs the gateway, or chown that user {path}");
        }

        using (file)
        {
            if (!OperatingSystem.IsWindows())
            {
                // Checked on the open file, so what is read is what was checked.
                var status = UnixFileStatus.OfHandle(file.SafeFileHandle);
                var me = UnixFileStatus.CurrentUser;
                if (status.Owner != me)
                {
                    throw new AdminTrustException(
                        $"{path} ({what}) belongs to user id {status.Owner}, not to you (user id {me}): it was not written by a gateway of yours",
                        $"run this as the user that runs the gateway; if none of yours runs here, {RemoveFix(path)}");
                }

                if ((status.Permissions & PrivateFiles.GroupAndOthers) != 0)
                {
                    throw new AdminTrustException(
                        $"{path} ({what}) is open to other users (mode {Convert.ToString((int)status.Permissions & 0x1FF, 8).PadLeft(4, '0')}); it must be 0600",
                        modeFix);
                }
            }

            if (file.Length > MaxBytes)
            {
                throw new AdminTrustException($"{path} ({what}) is {file.Length} bytes, too large to be DingGate's", RemoveFix(path));
            }

            using var reader = new StreamReader(file, Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }
}
