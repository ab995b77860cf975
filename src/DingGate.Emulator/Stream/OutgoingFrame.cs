using System.Net.WebSockets;

namespace DingGate.Emulator.Stream;

/// <summary>An item of a connection's write queue: a text frame, or a request to close the socket with a close frame.</summary>
internal sealed record OutgoingFrame(string? Text, WebSocketCloseStatus CloseStatus = WebSocketCloseStatus.NormalClosure, string? CloseDescription = null)
{
    public bool IsClose => Text is null;
}
