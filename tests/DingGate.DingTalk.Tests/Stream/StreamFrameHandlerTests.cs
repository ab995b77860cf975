using System.Diagnostics.Metrics;
using System.Threading.Channels;
using DingGate.DingTalk.Stream;
using DingGate.DingTalk.Stream.Frames;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.DingTalk.Tests.Stream;

public sealed class StreamFrameHandlerTests
{
    private readonly List<string> _sent = [];
    private readonly InMemoryInboundJournal _journal = new();
    private readonly Channel<StreamDelivery> _channel = Channel.CreateUnbounded<StreamDelivery>();
    private readonly StreamFrameHandler _handler;

    public StreamFrameHandlerTests() =>
        _handler = new StreamFrameHandler(
            "main", _journal, _channel.Writer, new FakeTimeProvider(), new StreamMetrics(new Factory()), new RecordingLogger<StreamClient>());

    [Theory]
    [InlineData("""{"type":"SYSTEM","headers":{"topic":"KEEPALIVE","messageId":"k1"},"data":"{}"}""")]
    [InlineData("""{"type":"SYSTEM","headers":{"topic":"REGISTERED","messageId":"k2"}}""")]
    [InlineData("""{"type":"WHATEVER","headers":{"topic":"x","messageId":"k3"},"data":"{}"}""")]
    [InlineData("""{"type":"CALLBACK","headers":{"topic":"/v1.0/card/instances/callback"},"data":"{\"outTrackId\":\"t\"}"}""")]
    [InlineData("""{"type":"SYSTEM","headers":{"topic":"ping"},"data":"{\"opaque\":\"o\"}"}""")]
    [InlineData("garbage")]
    public async Task HandleAsync_UnknownOrUnackable_IgnoredWithoutSendingOrJournaling(string text)
    {
        var outcome = await _handler.HandleAsync(text, 0, SendAsync, CancellationToken.None);

        Assert.Equal(FrameOutcome.Continue, outcome);
        Assert.Empty(_sent);
        Assert.Empty(_journal.Appends);
        Assert.False(_channel.Reader.TryRead(out _));
    }

    [Fact]
    public async Task HandleAsync_Disconnect_AcksThenGoAway()
    {
        var outcome = await _handler.HandleAsync(
            """{"type":"SYSTEM","headers":{"topic":"disconnect","messageId":"d1"},"data":"{\"reason\":\"connection is expired\"}"}""", 0, SendAsync, CancellationToken.None);

        Assert.Equal(FrameOutcome.GoAway, outcome);
        var ack = AckFrames.TryParse(Assert.Single(_sent))!;
        Assert.Equal(("d1", 200), (ack.Headers["messageId"], ack.Code));
    }

    [Fact]
    public async Task HandleAsync_DisconnectWithoutMessageId_GoAwayWithoutAck()
    {
        var outcome = await _handler.HandleAsync(
            """{"type":"SYSTEM","headers":{"topic":"disconnect"},"data":"{\"reason\":\"connection is expired\"}"}""", 0, SendAsync, CancellationToken.None);

        Assert.Equal(FrameOutcome.GoAway, outcome);
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task HandleAsync_BotMessageWithoutMessageId_JournaledAndDeliveredButNotAcked()
    {
        var outcome = await _handler.HandleAsync(
            """{"type":"CALLBACK","headers":{"topic":"/v1.0/im/bot/messages/get"},"data":"{\"msgId\":\"m\"}"}""", 0, SendAsync, CancellationToken.None);

        Assert.Equal(FrameOutcome.Continue, outcome);
        Assert.Empty(_sent);
        Assert.Equal("m", Assert.Single(_journal.Appends).Entry.MessageKey);
        Assert.True(_channel.Reader.TryRead(out var delivery));
        Assert.Equal("m", delivery.MessageKey);
    }

    [Fact]
    public async Task HandleAsync_EventWithoutMessageId_KeyedByEventIdNotAcked()
    {
        await _handler.HandleAsync("""{"type":"EVENT","headers":{"topic":"*","eventId":"e9","eventType":"x"},"data":"{}"}""", 0, SendAsync, CancellationToken.None);

        Assert.Empty(_sent);
        Assert.True(_channel.Reader.TryRead(out var delivery));
        Assert.Equal("event:e9", delivery.MessageKey);
    }

    [Fact]
    public async Task HandleAsync_BotMessageWithoutMsgId_KeyedByFrameMessageId()
    {
        await _handler.HandleAsync("""{"type":"CALLBACK","headers":{"topic":"/v1.0/im/bot/messages/get","messageId":"f1"},"data":"{\"text\":{}}"}""", 0, SendAsync, CancellationToken.None);

        Assert.True(_channel.Reader.TryRead(out var delivery));
        Assert.Equal("f1", delivery.MessageKey);
    }

    private Task SendAsync(string text, CancellationToken cancellationToken)
    {
        _sent.Add(text);
        return Task.CompletedTask;
    }

    private sealed class Factory : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}
