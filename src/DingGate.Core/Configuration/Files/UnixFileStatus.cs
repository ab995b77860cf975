using System.Runtime.InteropServices;

namespace DingGate.Core.Configuration.Files;

// System.Native's FileStatus: only the leading fields are read; the size leaves room for the fields after them.
[StructLayout(LayoutKind.Explicit, Size = 512)]
internal struct UnixFileStatus
{
    [FieldOffset(4)]
    public int Mode;

    [FieldOffset(16)]
    public long Size;
}
