using System.Text;
using Microsoft.Win32.SafeHandles;

namespace DingGate.Core.Configuration.Files;

/// <summary>
/// Reads the small text files a configuration names (the configuration file itself, <c>${file:…}</c> secrets) without
/// trusting them: regular files only — the type is checked before the file is opened (a FIFO, a device such as
/// <c>/dev/zero</c>, a directory or a socket is refused without being opened), the file is opened non-blocking and
/// checked again through the open handle — and at most the limit is ever read, so nothing can hang or fill memory.
/// Symbolic links are followed (mounted secrets are links); what they point to must be a regular file.
/// </summary>
public static class BoundedFileReader
{
    /// <summary>The largest <c>${file:…}</c> secret read: 64 KiB.</summary>
    public const int MaxSecretFileBytes = 64 * 1024;

    /// <summary>The largest configuration file read: 1 MiB.</summary>
    public const int MaxConfigFileBytes = 1024 * 1024;

    private const int ENOENT = 2;
    private const int EACCES = 13;
    private const int ENOTDIR = 20;
    private const int ENXIO = 6;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>The file's text (UTF-8, a leading byte order mark dropped).</summary>
    /// <exception cref="FileRefusedException">Missing, not a regular file, larger than <paramref name="maxBytes"/> or unreadable; the message says which.</exception>
    public static string ReadText(string path, int maxBytes)
    {
        var bytes = ReadBytes(path, maxBytes);
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        return Utf8.GetString(span);
    }

    /// <summary>The file's bytes.</summary>
    /// <exception cref="FileRefusedException">Missing, not a regular file, larger than <paramref name="maxBytes"/> or unreadable; the message says which.</exception>
    public static byte[] ReadBytes(string path, int maxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        using var handle = OperatingSystem.IsWindows() ? OpenWindows(path, maxBytes) : OpenUnix(path, maxBytes);
        return ReadAtMost(handle, maxBytes);
    }

    private static SafeFileHandle OpenUnix(string path, int maxBytes)
    {
        // Before opening: opening a device or a FIFO can itself have effects (or, without O_NONBLOCK, wait forever).
        var canStat = CheckUnix(() => UnixFileApi.Stat(path, out var status) == 0 ? status : throw Errno(UnixFileApi.LastError()), maxBytes);
        if (!canStat && Directory.Exists(path))
        {
            Check(FileKind.Directory, 0, maxBytes);
        }

        SafeFileHandle handle;
        if (UnixFileApi.OpenNonBlocking(path) is { } fd)
        {
            if (fd < 0)
            {
                throw Errno(UnixFileApi.LastError());
            }

            handle = new SafeFileHandle(fd, ownsHandle: true);
        }
        else
        {
            handle = OpenManaged(path);
        }

        // Again on what was opened: the path may have been replaced in between.
        try
        {
            CheckUnix(() => UnixFileApi.FStat(handle, out var status) == 0 ? status : throw Errno(UnixFileApi.LastError()), maxBytes);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    // False when this runtime has no System.Native stat to call: the non-blocking open and the bounded read still
    // hold (a FIFO reads as empty or fails, a device reads past the limit), only the message is less precise.
    private static bool CheckUnix(Func<UnixFileStatus> stat, int maxBytes)
    {
        UnixFileStatus status;
        try
        {
            status = stat();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }

        Check(UnixFileApi.KindOf(status.Mode), status.Size, maxBytes);
        return true;
    }

    private static SafeFileHandle OpenWindows(string path, int maxBytes)
    {
        var full = Path.GetFullPath(path);
        if (full.StartsWith(@"\\.\", StringComparison.Ordinal) || full.StartsWith(@"\\?\", StringComparison.Ordinal))
        {
            throw new FileRefusedException("it is a device path, not a regular file");
        }

        FileAttributes attributes;
        try
        {
            attributes = File.GetAttributes(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Managed(ex);
        }

        Check((attributes & FileAttributes.Directory) != 0 ? FileKind.Directory : (attributes & FileAttributes.Device) != 0 ? FileKind.CharacterDevice : FileKind.Regular, 0, maxBytes);
        var handle = OpenManaged(full);
        try
        {
            Check(FileKind.Regular, RandomAccess.GetLength(handle), maxBytes);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static SafeFileHandle OpenManaged(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Managed(ex);
        }
    }

    // Reads up to maxBytes + 1 bytes: one byte more than allowed proves the file grew past the limit after the check.
    private static byte[] ReadAtMost(SafeFileHandle handle, int maxBytes)
    {
        var buffer = new byte[Math.Min(maxBytes + 1, 64 * 1024)];
        using var content = new MemoryStream();
        long offset = 0;
        while (offset <= maxBytes)
        {
            var want = (int)Math.Min(buffer.Length, maxBytes + 1 - offset);
            int read;
            try
            {
                read = RandomAccess.Read(handle, buffer.AsSpan(0, want), offset);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw new FileRefusedException("it cannot be read: " + ex.Message, ex);
            }

            if (read == 0)
            {
                break;
            }

            content.Write(buffer, 0, read);
            offset += read;
        }

        if (offset > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        return content.ToArray();
    }

    private static void Check(FileKind kind, long size, int maxBytes)
    {
        if (kind != FileKind.Regular)
        {
            throw new FileRefusedException($"it is {FileKindText.Of(kind)}, not a regular file");
        }

        if (size > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
    }

    private static FileRefusedException TooLarge(int maxBytes) =>
        new($"it is larger than the limit of {maxBytes} bytes ({maxBytes / 1024} KiB)");

    private static FileRefusedException Errno(int errno) => errno switch
    {
        ENOENT or ENOTDIR => new FileRefusedException("it does not exist") { NotFound = true },
        EACCES => new FileRefusedException("permission denied"),
        ENXIO => new FileRefusedException("it is not a regular file (no such device or address)"),
        _ => new FileRefusedException($"it cannot be opened (errno {errno})"),
    };

    private static FileRefusedException Managed(Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => new FileRefusedException("it does not exist", ex) { NotFound = true },
        UnauthorizedAccessException => new FileRefusedException("permission denied", ex),
        _ => new FileRefusedException("it cannot be read: " + ex.Message, ex),
    };
}
