namespace DingGate.Tests.Shared;

/// <summary>Finds folders of the repository from the test binaries (walks up to the folder holding DingGate.sln).</summary>
internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DingGate.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("DingGate.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Interop => Path.Combine(Root, "tests", "interop");
}
