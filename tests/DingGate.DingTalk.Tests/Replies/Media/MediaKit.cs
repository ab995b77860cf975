using System.Text.Json.Nodes;
using DingGate.Core.Replies;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Replies.Media;
using DingGate.DingTalk.Replies.Proactive;
using DingGate.DingTalk.Replies.Sending;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DingGate.DingTalk.Tests.Replies.Media;

/// <summary>
/// The media-out and proactive parts of one account wired on a <see cref="DingTalkTestEmulator"/> client (fake clock),
/// with helpers to write sample files and read what the emulator recorded.
/// </summary>
internal sealed class MediaKit
{
    public const string UploadPath = "/media/upload";
    public const string OtoPath = "/v1.0/robot/oToMessages/batchSend";
    public const string GroupPath = "/v1.0/robot/groupMessages/send";

    public MediaKit(DingTalkTestEmulator emu)
    {
        Emulator = emu;
        var account = emu.Account();
        Api = emu.CreateClient(account);
        Robot = new RobotMessageSender(account, Api);
        Uploader = new MediaUploader(Api);
        Media = new MediaMessageSender(Robot);
        Attachments = new ReplyAttachmentSender(account.Id, Uploader, Media, Robot, NullLogger<ReplyAttachmentSender>.Instance);
        Proactive = new ProactiveSender(account, Robot, Uploader, Media, NullLogger<ProactiveSender>.Instance);
    }

    public DingTalkTestEmulator Emulator { get; }

    public DingTalkApiClient Api { get; }

    public RobotMessageSender Robot { get; }

    public MediaUploader Uploader { get; }

    public MediaMessageSender Media { get; }

    public ReplyAttachmentSender Attachments { get; }

    public ProactiveSender Proactive { get; }

    public static MessageTarget User(string id = "user001") => new(MessageTargetKind.User, id);

    public static MessageTarget Group(string id = DingTalkTestEmulator.GroupId) => new(MessageTargetKind.Group, id);

    /// <summary>Writes <paramref name="size"/> recognisable bytes to <paramref name="name"/> in <paramref name="dir"/>.</summary>
    public static (string Path, byte[] Bytes) WriteFile(TempDirectory dir, string name, int size = 4096)
    {
        Directory.CreateDirectory(dir.Path);
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = (byte)((i * 31 + name.Length) % 251);
        }

        var path = System.IO.Path.Combine(dir.Path, name);
        File.WriteAllBytes(path, bytes);
        return (path, bytes);
    }

    /// <summary>A sparse file of <paramref name="size"/> bytes (no disk used).</summary>
    public static string WriteSparseFile(TempDirectory dir, string name, long size)
    {
        Directory.CreateDirectory(dir.Path);
        var path = System.IO.Path.Combine(dir.Path, name);
        using var stream = File.Create(path);
        stream.SetLength(size);
        return path;
    }

    /// <summary>The recorded robot sends (batchSend and group send) as (path, msgKey, parsed msgParam, whole body), in order.</summary>
    public IReadOnlyList<(string Path, string MsgKey, JsonObject Param, JsonObject Body)> RobotSends() =>
        Emulator.Recorder.HttpCalls
            .Where(c => (c.Path == OtoPath || c.Path == GroupPath) && c.Status == 200)
            .Select(c =>
            {
                var body = JsonNode.Parse(c.RequestBody)!.AsObject();
                return (c.Path, body["msgKey"]!.GetValue<string>(), JsonNode.Parse(body["msgParam"]!.GetValue<string>())!.AsObject(), body);
            })
            .ToList();

    public int UploadCalls => Emulator.Calls(UploadPath).Count;

    /// <summary>The emulator's media store entry for <paramref name="mediaId"/> and its bytes.</summary>
    public async Task<(JsonObject Entry, byte[] Bytes)> UploadedAsync(string mediaId)
    {
        var all = (await Emulator.ControlAsync(HttpMethod.Get, "/_emulator/media"))!.AsArray();
        var entry = all.Single(m => m!["mediaId"]?.GetValue<string>() == mediaId)!.AsObject();
        var bytes = await Emulator.Control.GetByteArrayAsync(new Uri("/_emulator/media/content?key=" + Uri.EscapeDataString(mediaId), UriKind.Relative));
        return (entry, bytes);
    }
}
