using DingGate.Emulator.Stream;

namespace DingGate.Emulator.Tests.Cards;

/// <summary>Hand-written <see cref="IStreamPusher"/>: records pushes and answers each with <see cref="NextAck"/>.</summary>
internal sealed class FakeStreamPusher : IStreamPusher
{
    private readonly Lock _gate = new();
    private readonly List<(string ClientId, StreamPushRequest Request)> _pushes = [];

    /// <summary>The ACK every push completes with; null simulates the 2 s window passing without one.</summary>
    public PushAck? NextAck { get; set; }

    public IReadOnlyList<(string ClientId, StreamPushRequest Request)> Pushes
    {
        get
        {
            lock (_gate)
            {
                return _pushes.ToList();
            }
        }
    }

    public PushHandle Push(string clientId, StreamPushRequest request)
    {
        lock (_gate)
        {
            _pushes.Add((clientId, request));
            return new PushHandle { MessageId = "fake_msg_" + _pushes.Count, Delivered = true, ConnectionId = "conn-1", Ack = Task.FromResult(NextAck) };
        }
    }

    public static PushAck AckWith(string data) => new(200, "OK", data, DateTimeOffset.UnixEpoch, TimeSpan.FromMilliseconds(5));
}
