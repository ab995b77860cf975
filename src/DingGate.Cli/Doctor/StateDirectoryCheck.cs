namespace DingGate.Cli.Doctor;

/// <summary>The state directory exists (or can be made), is writable, and is not readable by other users.</summary>
internal static class StateDirectoryCheck
{
    public const string Name = "state directory";

    public static DoctorCheck Run(string directory)
    {
        try
        {
            PrivateDirectory.Create(directory);
            var probe = Path.Combine(directory, ".doctor-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return DoctorCheck.Fail(Name, $"{directory} is not writable: {ex.Message}", $"make it writable by this user (chown $USER {directory}) or set DINGGATE_STATE_DIR / gateway.stateDir to another directory");
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(directory);
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
                                        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((mode & others) != 0)
            {
                return DoctorCheck.Warn(Name, $"{directory} is writable and {Describe(mode)}; it holds conversations, the admin token and the database",
                    $"chmod 700 {directory}");
            }
        }

        return DoctorCheck.Pass(Name, $"{directory} is writable and private");
    }

    private static string Describe(UnixFileMode mode) =>
        "open to " + ((mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)) != 0 ? "all users" : "its group") +
        $" (mode {Convert.ToString((int)mode & 0x1FF, 8)})";
}
