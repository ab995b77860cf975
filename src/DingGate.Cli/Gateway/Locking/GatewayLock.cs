using System.Globalization;
using System.Text;
using DingGate.Core.Files;

namespace DingGate.Cli.Gateway.Locking;

/// <summary>
/// The one-owner lock of a state directory: <c>&lt;stateDir&gt;/gateway.lock</c> opened with <see cref="FileShare.None"/>
/// and held for the process lifetime (on Linux/macOS .NET takes an exclusive <c>flock</c>, on Windows a share-mode
/// lock). The kernel releases it when the process dies, however it dies, so a crash never leaves a stale lock. Taken
/// before the database is opened, cards are recovered or the journal is resumed: a second gateway on the same state
/// never touches another one's messages. The file holds the owner's pid (for <c>cat</c>; it is not read back).
/// </summary>
internal sealed class GatewayLock : IDisposable
{
    public const string FileName = "gateway.lock";

    // Windows reports a share-mode conflict as ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION; on Unix .NET reports a
    // held flock as an IOException whose HResult is the raw errno EWOULDBLOCK (11 on Linux, 35 on macOS/BSD).
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int LockViolation = unchecked((int)0x80070021);
    private const int LinuxWouldBlock = 11;
    private const int BsdWouldBlock = 35;

    private readonly FileStream _file;

    private GatewayLock(FileStream file, string path)
    {
        _file = file;
        Path = path;
    }

    public string Path { get; }

    public static string PathIn(string stateDirectory) => System.IO.Path.Combine(stateDirectory, FileName);

    /// <summary>Takes the lock or throws <see cref="GatewayLockedException"/> at once (no waiting) when another process holds it.</summary>
    public static GatewayLock Acquire(string stateDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        PrivateFiles.CreateDirectory(stateDirectory);
        var path = PathIn(stateDirectory);
        FileStream file;
        try
        {
            file = PrivateFiles.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException ex) when (IsHeldElsewhere(ex))
        {
            throw new GatewayLockedException(stateDirectory, GatewayLockHolder.Find(stateDirectory), ex);
        }

        try
        {
            var pid = Encoding.UTF8.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            file.SetLength(0);
            file.Write(pid);
            file.Flush(flushToDisk: true);
        }
        catch
        {
            file.Dispose();
            throw;
        }

        return new GatewayLock(file, path);
    }

    private static bool IsHeldElsewhere(IOException ex) =>
        OperatingSystem.IsWindows() ? ex.HResult is SharingViolation or LockViolation
        : OperatingSystem.IsLinux() ? ex.HResult == LinuxWouldBlock
        : ex.HResult == BsdWouldBlock;

    /// <summary>Releases the lock (the file stays: deleting it would race with the next owner opening it).</summary>
    public void Dispose() => _file.Dispose();
}
