namespace DingGate.Cli.Gateway.Permissions;

/// <summary>A file or directory of the state directory made owner-only at start: its mode before and after.</summary>
internal sealed record PermissionChange(string Path, UnixFileMode Before, UnixFileMode After)
{
    public static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);
}
