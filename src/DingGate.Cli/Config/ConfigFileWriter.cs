namespace DingGate.Cli.Config;

/// <summary>
/// Writes a configuration file the safe way: owner-only (0600 on Unix, it may hold secrets), atomically (a temporary
/// file renamed over the old one), the previous version kept as <c>&lt;file&gt;.bak</c>.
/// </summary>
internal static class ConfigFileWriter
{
    public static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        PrivateDirectory.Create(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var writer = new StreamWriter(temporary, new System.Text.UTF8Encoding(false), options))
        {
            await writer.WriteAsync(text.AsMemory(), cancellationToken);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        if (File.Exists(path))
        {
            File.Copy(path, path + ".bak", overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path + ".bak", UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }
}
