using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DingGate.Cli.Admin;

/// <summary>
/// Owner, type and permission bits of a file on Unix, which .NET has no public API for (only the mode). Read through
/// the runtime's own native shim (<c>libSystem.Native</c>, shipped with every .NET runtime on Unix), whose
/// <c>FileStatus</c> starts with the same four 32-bit fields on every platform: flags, mode, uid, gid; the buffer is
/// larger than the whole struct so a later runtime adding fields at its end cannot overflow it.
/// </summary>
internal readonly record struct UnixFileStatus(uint Owner, int Mode)
{
    private const string Native = "libSystem.Native";
    private const int TypeMask = 0xF000;
    private const int RegularFile = 0x8000;
    private const int SymbolicLink = 0xA000;
    private const int BufferBytes = 512;

    public bool IsRegularFile => (Mode & TypeMask) == RegularFile;

    public bool IsSymbolicLink => (Mode & TypeMask) == SymbolicLink;

    public UnixFileMode Permissions => (UnixFileMode)(Mode & 0xFFF);

    /// <summary>The effective user id of this process.</summary>
    public static uint CurrentUser => GetEUid();

    /// <summary>The status of <paramref name="path"/> itself (a symbolic link is not followed); null when it does not exist.</summary>
    public static UnixFileStatus? OfPath(string path)
    {
        var buffer = new byte[BufferBytes];
        return LStat(System.Text.Encoding.UTF8.GetBytes(path + "\0"), buffer) == 0 ? Parse(buffer) : null;
    }

    /// <summary>The status of an open file.</summary>
    public static UnixFileStatus OfHandle(SafeFileHandle handle)
    {
        var buffer = new byte[BufferBytes];
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return FStat(handle.DangerousGetHandle(), buffer) == 0
                ? Parse(buffer)
                : throw new IOException($"fstat failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    // FileStatus: int32 Flags (offset 0), int32 Mode (4), uint32 Uid (8), uint32 Gid (12), … in native byte order.
    private static UnixFileStatus Parse(byte[] buffer) => new(BitConverter.ToUInt32(buffer, 8), BitConverter.ToInt32(buffer, 4));

    // The path as the shim takes it: NUL-terminated UTF-8.
    [DllImport(Native, EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int LStat(byte[] path, [Out] byte[] status);

    [DllImport(Native, EntryPoint = "SystemNative_FStat", SetLastError = true)]
    private static extern int FStat(nint fd, [Out] byte[] status);

    [DllImport(Native, EntryPoint = "SystemNative_GetEUid")]
    private static extern uint GetEUid();
}
