using DingGate.Core.Configuration;
using DingGate.DingTalk.Api;

namespace DingGate.DingTalk.Tests.Api;

public sealed class DingTalkUrlPolicyTests
{
    private static readonly DingTalkUrlPolicy Policy = new(new DingTalkAccount
    {
        Id = "a",
        ClientId = "c",
        ClientSecret = "s",
        RobotCode = "c",
        ApiBaseUrl = new Uri("http://127.0.0.1:9580"),
        OapiBaseUrl = new Uri("http://127.0.0.1:9581"),
    });

    [Theory]
    [InlineData("https://oapi.dingtalk.com/robot/sendBySession?session=abc", true, true)]
    [InlineData("http://api.dingtalk.com/x", true, true)]
    [InlineData("https://static.dingtalk.com/media/a.png", true, true)]
    [InlineData("https://dingtalk-robot.oss-cn-hangzhou.aliyuncs.com/a?Expires=1&Signature=x", false, true)]
    [InlineData("http://127.0.0.1:9580/_files/f1?Expires=1", true, true)]
    [InlineData("http://127.0.0.1:9581/robot/sendBySession", true, true)]
    [InlineData("http://127.0.0.1:9999/_files/f1", false, false)]
    [InlineData("http://127.0.0.2:9580/_files/f1", false, false)]
    [InlineData("http://169.254.169.254/latest/meta-data", false, false)]
    [InlineData("http://10.0.0.5/a", false, false)]
    [InlineData("http://192.168.1.1/a", false, false)]
    [InlineData("http://[::1]:9580/a", false, false)]
    [InlineData("https://dingtalk.com.evil.net/a", false, false)]
    [InlineData("https://evildingtalk.com/a", false, false)]
    [InlineData("https://aliyuncs.com.evil.net/a", false, false)]
    [InlineData("ftp://oapi.dingtalk.com/a", false, false)]
    [InlineData("https://user:pw@oapi.dingtalk.com/a", false, false)]
    [InlineData("file:///etc/passwd", false, false)]
    public void IsAllowed_Url_MatchesAllowlist(string url, bool webhook, bool download)
    {
        var uri = new Uri(url);

        Assert.Equal(webhook, Policy.IsAllowedWebhook(uri));
        Assert.Equal(download, Policy.IsAllowedDownload(uri));
    }

    [Fact]
    public void EnsureDownload_MetadataAddress_ThrowsNamingHost()
    {
        var ex = Assert.Throws<DingTalkUrlRejectedException>(() => Policy.EnsureDownload(new Uri("http://169.254.169.254/latest")));

        Assert.Contains("169.254.169.254", ex.Message, StringComparison.Ordinal);
    }
}
