using System.IO.Pipes;
using DingGate.DingTalk.Api;

namespace DingGate.DingTalk.Tests.Api;

public sealed class MediaFileWriterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dinggate-writer-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task WriteAsync_StreamWithoutLengthBeyondLimit_StopsAndLeavesNoFile()
    {
        // A pipe has no length, like a chunked response: the limit must be enforced while reading.
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var reader = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        var writing = Task.Run(async () =>
        {
            try
            {
                for (var i = 0; i < 100; i++)
                {
                    await server.WriteAsync(new byte[1000]);
                }
            }
            catch (IOException)
            {
                // The reader stopped early: expected.
            }
        });

        var ex = await Assert.ThrowsAsync<MediaTooLargeException>(() => MediaFileWriter.WriteAsync(reader, _directory, "a.bin", 2500, default));

        Assert.Equal(2500, ex.Limit);
        Assert.Empty(Directory.GetFiles(_directory));
        reader.Dispose();
        await writing.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WriteAsync_AtLimit_WritesAllBytes()
    {
        var bytes = Enumerable.Range(0, 2500).Select(i => (byte)i).ToArray();

        var (path, size) = await MediaFileWriter.WriteAsync(new MemoryStream(bytes), _directory, "a.bin", 2500, default);

        Assert.Equal(2500, size);
        Assert.Equal(Path.Combine(_directory, "a.bin"), path);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Single(Directory.GetFiles(_directory));
    }
}
