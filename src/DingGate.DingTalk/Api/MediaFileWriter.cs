using DingGate.Core.Files;

namespace DingGate.DingTalk.Api;

/// <summary>
/// Copies a download stream to a file under a directory, stopping as soon as more than the byte limit arrived: the
/// bytes go to a hidden ".part" file first (owner-only: 0600, in directories created 0700), which is deleted on any failure and renamed to a free name on success.
/// </summary>
internal static class MediaFileWriter
{
    private const int BufferSize = 81920;

    /// <summary>Writes <paramref name="input"/> as <paramref name="fileName"/> (or "name (n).ext" when taken); returns path and size.</summary>
    public static async Task<(string Path, long Size)> WriteAsync(System.IO.Stream input, string directory, string fileName, long limit, CancellationToken cancellationToken)
    {
        PrivateFiles.CreateDirectory(directory);
        var partial = Path.Combine(directory, $".{Guid.NewGuid():N}.part");
        try
        {
            long size = 0;
            await using (var output = PrivateFiles.Open(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > limit)
                    {
                        throw new MediaTooLargeException(limit, null);
                    }

                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            return (MoveToFreeName(partial, directory, fileName), size);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    private static string MoveToFreeName(string partial, string directory, string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var extension = Path.GetExtension(fileName);
        for (var i = 0; ; i++)
        {
            var candidate = Path.Combine(directory, i == 0 ? fileName : $"{stem} ({i}){extension}");
            try
            {
                File.Move(partial, candidate, overwrite: false);
                return candidate;
            }
            catch (IOException) when (File.Exists(candidate) && i < 1000)
            {
                // Name taken: try the next suffix.
            }
        }
    }
}
