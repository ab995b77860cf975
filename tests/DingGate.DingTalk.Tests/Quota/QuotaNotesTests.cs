using DingGate.Core.Texts;
using DingGate.DingTalk.Quota;
using DingGate.DingTalk.Replies.Media;

namespace DingGate.DingTalk.Tests.Quota;

/// <summary>What users read when the month's budget stops a file.</summary>
public sealed class QuotaNotesTests
{
    [Fact]
    public void FileRefusedForTheQuota_NoteInTheUsersWords_NamingTheFile()
    {
        var refused = new QuotaExhaustedException("POST /media/upload", new QuotaGroupStatus("default", ["default"], 202612, 5000, 5000, 5200, QuotaStep.WebhookOnly, false));

        var note = ReplyAttachmentSender.NoteFor(refused, BotLocale.ZhCn, "chart.png");

        Assert.Equal("⚠️ 文件未能发送：'chart.png'：本月钉钉接口调用额度已用完，文件暂时无法发送。", note);
        Assert.Contains("5000 of 5000 calls in 2026-12", refused.Message, StringComparison.Ordinal);
    }
}
