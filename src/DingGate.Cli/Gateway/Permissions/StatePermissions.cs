using DingGate.Core.Files;

namespace DingGate.Cli.Gateway.Permissions;

/// <summary>
/// Makes an existing state directory owner-only at gateway start: every group and other bit is cleared on the
/// directory and everything in it (the database and its -wal/-shm, admin.json, admin.token, gateway.lock, logs,
/// downloaded media), so a state directory left by an older version or copied with looser modes is not readable by
/// other users. Symbolic links inside are not followed. Nothing on Windows.
/// </summary>
internal static class StatePermissions
{
    public static StatePermissionsResult Tighten(string stateDirectory)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(stateDirectory))
        {
            return StatePermissionsResult.None;
        }

        var tightened = new List<PermissionChange>();
        var failed = new List<(string, string)>();
        var pending = new Stack<string>();
        pending.Push(stateDirectory);
        TightenOne(stateDirectory, tightened, failed);
        var walk = new EnumerationOptions { IgnoreInaccessible = true, RecurseSubdirectories = false, AttributesToSkip = 0 };
        while (pending.TryPop(out var directory))
        {
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(directory).EnumerateFileSystemInfos("*", walk).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failed.Add((directory, ex.Message));
                continue;
            }

            foreach (var entry in entries)
            {
                if (entry.LinkTarget is not null)
                {
                    continue;
                }

                TightenOne(entry.FullName, tightened, failed);
                if (entry is DirectoryInfo)
                {
                    pending.Push(entry.FullName);
                }
            }
        }

        return new StatePermissionsResult(tightened, failed);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void TightenOne(string path, List<PermissionChange> tightened, List<(string, string)> failed)
    {
        try
        {
            var before = File.GetUnixFileMode(path);
            if ((before & PrivateFiles.GroupAndOthers) == 0)
            {
                return;
            }

            var after = before & ~PrivateFiles.GroupAndOthers;
            File.SetUnixFileMode(path, after);
            tightened.Add(new PermissionChange(path, before, after));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            failed.Add((path, ex.Message));
        }
    }
}
