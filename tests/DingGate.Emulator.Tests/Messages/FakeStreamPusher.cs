using System.Collections.Concurrent;
using DingGate.Emulator.Stream;

namespace DingGate.Emulator.Tests.Messages;

/// <summary>Captures pushes instead of sending frames; every push counts as delivered (unless told otherwise).</summary>
internal sealed class FakeStreamPusher : IStreamPusher
{
    private int _count;

    public ConcurrentQueue<(string ClientId, StreamPushRequest Request)> Pushed { get; } = new();

    public bool Delivered { get; set; } = true;

    public PushHandle Push(string clientId, StreamPushRequest request)
    {
        Pushed.Enqueue((clientId, request));
        return new PushHandle
        {
            MessageId = "fakemsg_" + Interlocked.Increment(ref _count), Delivered = Delivered, Ack = Task.FromResult<PushAck?>(null),
        };
    }
}
