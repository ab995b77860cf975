using System.Text.Json;
using DingGate.Core.Files;

namespace DingGate.Cli.Admin;

/// <summary>
/// <c>&lt;stateDir&gt;/admin.json</c>: where the running gateway's admin endpoint listens (<c>{"url","pid","startedAt"}</c>),
/// written once it listens and removed when it stops. How <c>dinggate gateway status</c> finds it.
/// </summary>
internal sealed record AdminAnnouncement(Uri Url, int Pid, DateTimeOffset StartedAt)
{
    public const string FileName = "admin.json";

    public static string PathIn(string stateDirectory) => System.IO.Path.Combine(stateDirectory, FileName);

    public void WriteTo(string stateDirectory)
    {
        var path = PathIn(stateDirectory);
        var temporary = path + ".tmp";
        using (var writer = new StreamWriter(PrivateFiles.Open(temporary, FileMode.Create, FileAccess.Write, FileShare.None)))
        {
            writer.Write(JsonSerializer.Serialize(this, AdminJson.Default.AdminAnnouncement));
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The announcement in a state directory; null when none or unreadable (no gateway running there).</summary>
    public static AdminAnnouncement? ReadFrom(string stateDirectory)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(PathIn(stateDirectory)), AdminJson.Default.AdminAnnouncement);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
