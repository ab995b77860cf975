using DingGate.Emulator.Conversations;
using DingGate.Emulator.Media;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Replies;

/// <summary>
/// The KB 0699 format rules (sampleAudio: ogg/amr; sampleFile: xlsx, pdf, zip, rar, doc, docx) and the batchSend
/// per-user lists (invalid, filtered, flow-controlled), asserted on the answers and recorded traffic.
/// </summary>
public sealed class RobotSendFormatTests
{
    private const string BatchSend = "/v1.0/robot/oToMessages/batchSend";
    private const string GroupSend = "/v1.0/robot/groupMessages/send";

    [Theory]
    [InlineData("note.amr", 200)]
    [InlineData("note.mp3", 400)]
    [InlineData("note.wav", 400)]
    public async Task SampleAudio_OnlyAmrOrOggMediaIsAccepted(string fileName, int expected)
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var media = emu.Get<MediaStore>().RegisterUpload(TestEmulator.ClientId, "voice", fileName, "audio/x", [1, 2, 3]);

        var (status, body) = await emu.SendAsync(HttpMethod.Post, BatchSend, new
        {
            robotCode = TestEmulator.ClientId, userIds = new[] { "user001" }, msgKey = "sampleAudio",
            msgParam = $"{{\"mediaId\":\"{media.MediaId}\",\"duration\":\"3000\"}}",
        }, token);

        Assert.Equal(expected, status);
        if (expected == 400)
        {
            RobotSendTests.AssertError(status, body, "invalidParameter.param.invalid");
            Assert.Contains("ogg、amr", body!["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Empty(emu.Get<ConversationLog>().SentByBot());
        }
    }

    [Theory]
    [InlineData("pdf", 200)]
    [InlineData("zip", 200)]
    [InlineData("xlsx", 200)]
    [InlineData("pptx", 400)]
    [InlineData("xls", 400)]
    [InlineData("mp4", 400)]
    public async Task SampleFile_OnlyDocumentedFileTypesAreAccepted(string fileType, int expected)
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var media = emu.Get<MediaStore>().RegisterUpload(TestEmulator.ClientId, "file", "a." + fileType, "application/octet-stream", [1]);

        var (status, body) = await emu.SendAsync(HttpMethod.Post, GroupSend, new
        {
            robotCode = TestEmulator.ClientId, openConversationId = "cidDemoGroup0001==", msgKey = "sampleFile",
            msgParam = $"{{\"mediaId\":\"{media.MediaId}\",\"fileName\":\"a.{fileType}\",\"fileType\":\"{fileType}\"}}",
        }, token);

        Assert.Equal(expected, status);
        if (expected == 400)
        {
            RobotSendTests.AssertError(status, body, "invalidParameter.param.invalid");
            Assert.Contains(fileType, body!["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Empty(emu.Get<ConversationLog>().SentByBot());
        }
    }

    [Fact]
    public async Task BatchSend_BlockedAndFlowControlledUsers_ListedAndNotDelivered()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        await emu.SendAsync(HttpMethod.Post, "/_emulator/users", new { userId = "busy001", nick = "Busy", flowControlled = true });

        var (status, body) = await emu.SendAsync(HttpMethod.Post, BatchSend, new
        {
            robotCode = TestEmulator.ClientId, userIds = new[] { "user001", "blocker001", "busy001", "ext001" }, msgKey = "sampleText", msgParam = "{\"content\":\"hi\"}",
        }, token);

        Assert.Equal(200, status);
        Assert.Equal("[\"ext001\"]", body!["invalidStaffIdList"]!.ToJsonString());
        Assert.Equal("[\"blocker001\"]", body["filteredStaffIdList"]!.ToJsonString());
        Assert.Equal("[\"busy001\"]", body["flowControlledStaffIdList"]!.ToJsonString());
        Assert.Equal(["user001"], emu.Get<ConversationLog>().SentByBot().Select(e => e.UserId));
        var recorded = Assert.Single(emu.Recorder.HttpCalls, c => c.Path == BatchSend);
        Assert.Contains("\"filteredStaffIdList\":[\"blocker001\"]", recorded.ResponseBody, StringComparison.Ordinal);
    }
}
