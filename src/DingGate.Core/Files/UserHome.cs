namespace DingGate.Core.Files;

/// <summary>
/// The user's home directory as configured (<c>HOME</c>, else the account database), whether or not it exists: a
/// service account such as <c>nobody</c> has <c>/nonexistent</c>, and the defaults under it must fail with a clear
/// error naming the path, not vanish into an empty string (what the verified lookup returns for a missing directory).
/// </summary>
public static class UserHome
{
    /// <summary>The home directory's path; empty only when the process has none at all.</summary>
    public static string Directory => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify);
}
