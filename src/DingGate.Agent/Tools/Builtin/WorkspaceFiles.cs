namespace DingGate.Agent.Tools.Builtin;

// Local files send_file may read: only regular files whose real path (every symbolic link on the way followed, ".."
// applied) is inside the real path of the workspace. A relative path is taken from the workspace; an absolute one
// must lie in it.
internal static class WorkspaceFiles
{
    private const int MaxLinks = 40;

    // The real path of the file; throws FileRefusedException saying why not. Files of the gateway's state directory
    // (database, admin token) are never sent, even under a workspace that contains it, except in its workspace folder.
    public static string Resolve(string workspace, string path, long maxBytes, string? stateDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(path);
        var given = path.Trim();
        if (given.Length == 0 || given.Contains('\0', StringComparison.Ordinal))
        {
            throw new FileRefusedException("Refused: no file path given.");
        }

        if (given.StartsWith("file://", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(given, UriKind.Absolute, out var fileUri))
        {
            given = fileUri.LocalPath;
        }

        string root, real;
        string? state = null, stateWorkspace = null;
        try
        {
            root = RealPath(Path.GetFullPath(workspace));
            real = RealPath(Path.GetFullPath(given, root));
            if (stateDirectory is not null)
            {
                state = RealPath(Path.GetFullPath(stateDirectory));
                stateWorkspace = Path.Combine(state, "workspace");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new FileRefusedException($"Refused '{path}': the path cannot be read ({ex.Message}).", ex);
        }

        if (!IsUnder(real, root))
        {
            throw new FileRefusedException($"Refused '{path}': only files inside the workspace directory can be sent (give a path relative to it).");
        }

        if (state is not null && IsUnder(real, state) && !IsUnder(real, stateWorkspace!))
        {
            throw new FileRefusedException($"Refused '{path}': it is one of the gateway's own state files, which are never sent.");
        }

        var info = new FileInfo(real);
        if (Directory.Exists(real))
        {
            throw new FileRefusedException($"Refused '{path}': it is a directory, not a file.");
        }

        if (!info.Exists)
        {
            throw new FileRefusedException($"Refused '{path}': no such file in the workspace.");
        }

        if (info.Length == 0)
        {
            throw new FileRefusedException($"Refused '{path}': the file is empty.");
        }

        if (info.Length > maxBytes)
        {
            throw new FileRefusedException($"Refused '{path}': it is {info.Length} bytes, over the limit of {maxBytes} bytes.");
        }

        return real;
    }

    private static bool IsUnder(string path, string root)
    {
        var prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return path.StartsWith(prefix, comparison);
    }

    // Follows every symbolic link in an absolute, normalized path, component by component.
    private static string RealPath(string full, int links = 0)
    {
        var root = Path.GetPathRoot(full) ?? throw new ArgumentException($"'{full}' has no root.", nameof(full));
        var parts = full[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (links >= MaxLinks)
            {
                throw new IOException($"too many symbolic links under '{current}'");
            }

            var resolved = Path.GetFullPath(target, current);
            var rest = parts.Length > i + 1 ? Path.Combine(parts[(i + 1)..]) : string.Empty;
            return RealPath(Path.GetFullPath(rest.Length == 0 ? resolved : Path.Combine(resolved, rest)), links + 1);
        }

        return current;
    }
}
