using DingGate.Core.Files;

namespace DingGate.Cli;

/// <summary>Creates directories for DingGate's own files (config, state) owner-only (0700 on Unix); existing ones are left as they are.</summary>
internal static class PrivateDirectory
{
    public static void Create(string path) => PrivateFiles.CreateDirectory(path);
}
