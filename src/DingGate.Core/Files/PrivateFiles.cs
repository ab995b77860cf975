namespace DingGate.Core.Files;

/// <summary>
/// DingGate's own files on disk (state database, admin files, lock, logs, downloaded media) are owner-only on Unix:
/// directories 0700, files 0600, set when they are created (not after, so no other user can open them in between).
/// On Windows nothing is changed: the user profile's ACLs apply.
/// </summary>
public static class PrivateFiles
{
    /// <summary>rwx------ (0700).</summary>
    public const UnixFileMode DirectoryPermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw------- (0600).</summary>
    public const UnixFileMode FilePermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Every group and other bit (0077): none of them may be set on DingGate's files.</summary>
    public const UnixFileMode GroupAndOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Creates <paramref name="path"/> and its missing parents 0700; existing directories are left as they are. Throws
    /// <see cref="DirectoryCreationException"/> naming the path when it cannot (no permission, a file in the way, a
    /// read-only file system).
    /// </summary>
    public static void CreateDirectory(string path)
    {
        try
        {
            CreateDirectoryCore(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not DirectoryCreationException)
        {
            throw DirectoryCreationException.For(path, ex);
        }
    }

    private static void CreateDirectoryCore(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            // Directory.CreateDirectory(path, mode) gives the mode to the last directory only; its missing parents
            // would get 0777 less the umask. So each missing one is created in turn, from the top.
            var missing = new Stack<string>();
            for (var directory = Path.GetFullPath(path); directory is not null && !Directory.Exists(directory); directory = Path.GetDirectoryName(directory))
            {
                missing.Push(directory);
            }

            while (missing.TryPop(out var directory))
            {
                Directory.CreateDirectory(directory, DirectoryPermissions);
            }
        }
    }

    /// <summary>
    /// Opens a file DingGate owns; a file it creates is 0600 from the start, and an existing one is made 0600 too (a
    /// left-over from an older version or a copied directory).
    /// </summary>
    public static FileStream Open(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize = 4096, FileOptions options = FileOptions.None)
    {
        var streamOptions = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = bufferSize, Options = options };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = FilePermissions;
        }

        var stream = new FileStream(path, streamOptions);
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                if ((File.GetUnixFileMode(stream.SafeFileHandle) & GroupAndOthers) != 0)
                {
                    File.SetUnixFileMode(stream.SafeFileHandle, File.GetUnixFileMode(stream.SafeFileHandle) & ~GroupAndOthers);
                }
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours (another user's file we may write): leave it; the start-up check reports it.
            }
        }

        return stream;
    }

    /// <summary>Creates an empty owner-only file when none exists (e.g. before a library creates it with its own default mode).</summary>
    public static void Ensure(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        try
        {
            using var created = Open(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created by another process meanwhile.
        }
    }
}
