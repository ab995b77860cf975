using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using DingGate.Emulator.Recording;

namespace DingGate.Emulator.Stream;

/// <summary>
/// Runs one accepted socket: a read loop (every frame recorded, malformed frames tolerated) and the single writer that
/// drains the connection's queue (every sent frame recorded). Both loops are awaited before the session ends.
/// </summary>
internal sealed class StreamSocketSession(StreamConnection connection, StreamHub hub, TrafficRecorder recorder)
{
    private const int MaxInboundBytes = 1024 * 1024;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var writer = WriteLoopAsync(cancellationToken);
        try
        {
            await ReadLoopAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The link died (client vanished, drop fault, shutdown): nothing to answer.
        }
        finally
        {
            if (connection.Socket.State == WebSocketState.CloseReceived)
            {
                connection.RequestClose(WebSocketCloseStatus.NormalClosure, string.Empty);
            }

            connection.MarkClosed();
            await writer;
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var message = new MemoryStream();
            while (connection.Socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await connection.Socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (message.Length + result.Count <= MaxInboundBytes)
                {
                    message.Write(buffer, 0, result.Count);
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                Handle(result.MessageType, message);
                message.SetLength(0);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Handle(WebSocketMessageType type, MemoryStream message)
    {
        if (type == WebSocketMessageType.Binary)
        {
            recorder.RecordFrame(connection.Id, connection.App.ClientId, FrameDirection.In, $"(binary frame, {message.Length} bytes)");
            return;
        }

        var text = Encoding.UTF8.GetString(message.GetBuffer().AsSpan(0, (int)message.Length));
        recorder.RecordFrame(connection.Id, connection.App.ClientId, FrameDirection.In, text);
        if (ClientFrame.TryParse(text) is { } frame)
        {
            hub.OnClientFrame(connection, frame);
        }
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        // Yield so the read loop starts even if the queue already holds frames.
        await Task.Yield();
        try
        {
            await foreach (var item in connection.Outgoing.ReadAllAsync(cancellationToken))
            {
                var socket = connection.Socket;
                if (item.IsClose)
                {
                    if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(item.CloseStatus, item.CloseDescription, cancellationToken);
                    }

                    return;
                }

                if (socket.State != WebSocketState.Open)
                {
                    continue;
                }

                recorder.RecordFrame(connection.Id, connection.App.ClientId, FrameDirection.Out, item.Text!);
                await socket.SendAsync(Encoding.UTF8.GetBytes(item.Text!), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The socket went away while writing; the read loop sees it too.
        }
    }
}
