using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DingGate.Core.Configuration.Files;

// The three Unix calls .NET does not expose: the file type (stat / fstat, through the runtime's own System.Native
// shim, whose FileStatus starts with Flags, Mode, Uid, Gid, Size on every Unix .NET supports) and open(2) with
// O_NONBLOCK, so that opening a FIFO or a device never waits for a writer or a carrier.
internal static partial class UnixFileApi
{
    private const int TypeMask = 0xF000;

    public static FileKind KindOf(int mode) => (mode & TypeMask) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0x1000 => FileKind.Fifo,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0xC000 => FileKind.Socket,
        _ => FileKind.Other,
    };

    // stat(2), following symbolic links (a secret mounted by Kubernetes is a link to the real file).
    public static int Stat(string path, out UnixFileStatus status) => SystemNativeStat(path, out status);

    public static int FStat(SafeFileHandle handle, out UnixFileStatus status) => SystemNativeFStat(handle, out status);

    // open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC); -1 and errno on failure. Linux and macOS only (the
    // flag values differ); elsewhere null.
    public static int? OpenNonBlocking(string path)
    {
        int flags;
        if (OperatingSystem.IsLinux())
        {
            flags = 0x800 | 0x100 | 0x80000;
        }
        else if (OperatingSystem.IsMacOS())
        {
            flags = 0x4 | 0x20000 | 0x1000000;
        }
        else
        {
            return null;
        }

        return Open(path, flags);
    }

    public static int LastError() => Marshal.GetLastPInvokeError();

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SystemNativeStat(string path, out UnixFileStatus status);

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_FStat", SetLastError = true)]
    private static partial int SystemNativeFStat(SafeFileHandle handle, out UnixFileStatus status);

    // open(2) is variadic; without O_CREAT the mode argument is never read, so the two-argument form is safe.
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);
}
