namespace DingGate.Agent.Tools.Builtin;

// Where send_file reads and writes: the workspace (tools.workspace, default <stateDir>/workspace) and the folder that
// holds files downloaded from URLs until the answer is out (<stateDir>/tool-files, one folder per download, pruned
// after a day). MaxBytes is DingTalk's upload limit (20 MB), the most a file can be.
internal sealed record SendFileOptions(string Workspace, string DownloadRoot, string? StateDirectory = null)
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    public static readonly TimeSpan DownloadsKeptFor = TimeSpan.FromDays(1);

    public long MaxBytes { get; init; } = DefaultMaxBytes;

    public static SendFileOptions From(string? workspace, string stateDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        var state = Path.GetFullPath(stateDirectory);
        var root = string.IsNullOrWhiteSpace(workspace) ? Path.Combine(state, "workspace") : Path.GetFullPath(ExpandHome(workspace.Trim()), state);
        return new SendFileOptions(root, Path.Combine(state, "tool-files"), state);
    }

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'))
            : path;
}
