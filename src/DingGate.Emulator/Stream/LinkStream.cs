namespace DingGate.Emulator.Stream;

/// <summary>
/// The upgraded transport of one Stream socket, with a switch that turns it into a dead network path
/// (<see cref="Blackhole"/>): from then on every byte the client sends is read and thrown away (so the server's
/// WebSocket never sees the client's PINGs and never answers them with PONGs, nor sees ACKs) and every byte the server
/// writes is dropped. The server keeps the socket open, as a real server does until TCP gives up; it ends when the
/// client closes its side. One-way: a blackholed link never comes back.
/// </summary>
internal sealed class LinkStream(System.IO.Stream inner) : System.IO.Stream
{
    private volatile bool _blackholed;

    public bool IsBlackholed => _blackholed;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public void Blackhole() => _blackholed = true;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            if (read == 0 || !_blackholed)
            {
                return read;
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        while (true)
        {
            var read = inner.Read(buffer, offset, count);
            if (read == 0 || !_blackholed)
            {
                return read;
            }
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _blackholed ? ValueTask.CompletedTask : inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (!_blackholed)
        {
            inner.Write(buffer, offset, count);
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _blackholed ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

    public override void Flush()
    {
        if (!_blackholed)
        {
            inner.Flush();
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
