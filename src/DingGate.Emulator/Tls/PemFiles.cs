namespace DingGate.Emulator.Tls;

/// <summary>Writes PEM files so that a reader never sees half a file and private keys are readable by the owner only.</summary>
internal static class PemFiles
{
    public static void WriteAtomically(string path, string pem, bool secret)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, options))
        {
            writer.Write(pem);
            writer.Write('\n');
        }

        File.Move(temporary, full, overwrite: true);
    }
}
