using DingGate.DingTalk.Replies.Cards;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Replies.Cards;

// The responder on its own: what counts as a stop click, and that no input makes it throw or answer anything but {}.
public sealed class CardStopCallbackResponderTests
{
    private readonly ActiveCardRegistry _cards = new();
    private readonly RecordingLogger<CardStopCallbackResponder> _logs = new();

    private CardStopCallbackResponder Responder => new("default", _cards, _logs);

    private static string Callback(string content, string userId = "user001", string outTrackId = "card_1") =>
        System.Text.Json.JsonSerializer.Serialize(new { type = "actionCallback", outTrackId, userId, content });

    [Theory]
    [InlineData("""{"cardPrivateData":{"actionIds":["btn_stop"],"params":{"action":"stop"}}}""")]
    [InlineData("""{"cardPrivateData":{"actionIds":["stopButton"]}}""")]
    [InlineData("""{"cardPrivateData":{"actionIds":["b1"],"params":{"action":"STOP"}}}""")]
    [InlineData("""{"cardPrivateData":{"actionIds":[],"params":{"value":" Stop "}}}""")]
    [InlineData("""{"cardPrivateData":{"actionIds":"btn_stop"}}""")]
    [InlineData("""{"actionIds":["stop"]}""")]
    public void Respond_StopClickByOwner_CancelsAndAnswersNoChange(string content)
    {
        using var stop = new CancellationTokenSource();
        using var registration = _cards.Register("card_1", "user001", stop);

        Assert.Equal("{}", Responder.Respond(Callback(content)));

        Assert.True(stop.IsCancellationRequested);
        Assert.Contains(_logs.Entries, e => e.EventId.Id == 2160);
    }

    [Fact]
    public void Respond_ContentAsObject_Read()
    {
        using var stop = new CancellationTokenSource();
        using var registration = _cards.Register("card_1", "user001", stop);

        Responder.Respond("""{"outTrackId":"card_1","userId":"USER001","content":{"cardPrivateData":{"actionIds":["btn_stop"]}}}""");

        Assert.True(stop.IsCancellationRequested);
    }

    [Theory]
    [InlineData("""{"cardPrivateData":{"actionIds":["btn_like"],"params":{"action":"like"}}}""")]
    [InlineData("""{"cardPrivateData":{"params":{"other":"stop"}}}""")]
    [InlineData("""{}""")]
    public void Respond_NotAStopClick_NothingCancelled(string content)
    {
        using var stop = new CancellationTokenSource();
        using var registration = _cards.Register("card_1", "user001", stop);

        Assert.Equal("{}", Responder.Respond(Callback(content)));

        Assert.False(stop.IsCancellationRequested);
    }

    [Fact]
    public void Respond_StopByAnotherUser_LoggedAtInformationWithoutContent()
    {
        using var stop = new CancellationTokenSource();
        using var registration = _cards.Register("card_1", "user001", stop);

        Responder.Respond(Callback("""{"cardPrivateData":{"actionIds":["btn_stop"],"params":{"secret":"私密内容"}}}""", userId: "user002"));

        Assert.False(stop.IsCancellationRequested);
        var entry = Assert.Single(_logs.Entries, e => e.EventId.Id == 2161);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Information, entry.Level);
        Assert.DoesNotContain("私密内容", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Respond_UnknownCard_LoggedAtInformation()
    {
        Responder.Respond(Callback("""{"cardPrivateData":{"actionIds":["btn_stop"]}}""", outTrackId: "card_unknown"));

        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Information, Assert.Single(_logs.Entries, e => e.EventId.Id == 2162).Level);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("\"a string\"")]
    [InlineData("null")]
    [InlineData("""{"outTrackId":"card_1","userId":"user001","content":"{\"cardPrivateData\":"}""")]
    [InlineData("""{"outTrackId":["card_1"],"userId":{"a":1},"content":12}""")]
    [InlineData("""{"outTrackId":"card_1","content":"{\"cardPrivateData\":{\"actionIds\":[\"stop\"]}}"}""")]
    [InlineData("""{"content":"{\"cardPrivateData\":{\"actionIds\":[\"stop\"]}}"}""")]
    public void Respond_Garbage_AnswersNoChangeWithoutThrowing(string data)
    {
        using var stop = new CancellationTokenSource();
        using var registration = _cards.Register("card_1", "user001", stop);

        Assert.Equal("{}", Responder.Respond(data));

        Assert.False(stop.IsCancellationRequested);
    }

    [Fact]
    public void Respond_DeeplyNestedContent_AnswersNoChange()
    {
        var deep = new string('[', 5000) + new string(']', 5000);

        Assert.Equal("{}", Responder.Respond(Callback(deep)));
        Assert.Equal("{}", Responder.Respond(deep));
    }
}
