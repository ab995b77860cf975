using System.Net;
using DingGate.Agent.Tools.Builtin;

namespace DingGate.Agent.Tests.Tools.Builtin;

public sealed class UrlGuardTests
{
    [Theory]
    [InlineData("http://127.0.0.1/", "loopback")]
    [InlineData("http://127.8.9.10:8080/x", "loopback")]
    [InlineData("http://[::1]/", "loopback")]
    [InlineData("http://10.1.2.3/", "private")]
    [InlineData("http://172.16.0.1/", "private")]
    [InlineData("http://172.31.255.255/", "private")]
    [InlineData("http://192.168.1.1/", "private")]
    [InlineData("http://100.64.0.1/", "CGNAT")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "metadata")]
    [InlineData("http://169.254.1.1/", "link-local")]
    [InlineData("http://100.100.100.200/latest/meta-data/", "metadata")]
    [InlineData("http://[fd00:ec2::254]/", "metadata")]
    [InlineData("http://[fe80::1]/", "link-local")]
    [InlineData("http://[fc00::5]/", "private")]
    [InlineData("http://0.0.0.0/", "unspecified")]
    [InlineData("http://[::]/", "unspecified")]
    [InlineData("http://224.0.0.1/", "multicast")]
    [InlineData("http://[ff02::1]/", "multicast")]
    [InlineData("http://255.255.255.255/", "broadcast")]
    [InlineData("http://[::ffff:127.0.0.1]/", "loopback")]
    [InlineData("http://[::ffff:a9fe:a9fe]/", "metadata")]
    [InlineData("http://[64:ff9b::a00:1]/", "private")]
    [InlineData("http://[2002:7f00:1::]/", "loopback")]
    [InlineData("http://2130706433/", "loopback")]
    [InlineData("http://0x7f000001/", "loopback")]
    [InlineData("http://0177.0.0.1/", "loopback")]
    [InlineData("http://127.1/", "loopback")]
    [InlineData("http://2852039166/", "metadata")]
    public async Task CheckAsync_RefusedAddress_RefusedNamingWhy(string url, string why)
    {
        var guard = new UrlGuard(new FetchUrlOptions(), new ScriptedResolver());

        var refused = await Assert.ThrowsAsync<UrlRefusedException>(() => guard.CheckAsync(new Uri(url), CancellationToken.None));

        Assert.Contains(why, refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("http://93.184.216.34/")]
    [InlineData("https://[2606:2800:220:1:248:1893:25c8:1946]/")]
    [InlineData("http://172.32.0.1/")]
    [InlineData("http://100.128.0.1/")]
    public async Task CheckAsync_PublicAddress_Passes(string url)
    {
        var guard = new UrlGuard(new FetchUrlOptions(), new ScriptedResolver());

        var addresses = await guard.CheckAsync(new Uri(url), CancellationToken.None);

        Assert.Single(addresses);
    }

    [Fact]
    public async Task CheckAsync_NameResolvingToLoopback_Refused()
    {
        var resolver = new ScriptedResolver().Answer("intranet.example", ["93.184.216.34", "127.0.0.1"]);
        var guard = new UrlGuard(new FetchUrlOptions(), resolver);

        var refused = await Assert.ThrowsAsync<UrlRefusedException>(() => guard.CheckAsync(new Uri("https://intranet.example/page"), CancellationToken.None));

        Assert.Contains("intranet.example resolves to 127.0.0.1", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/")]
    [InlineData("http://METADATA.google.internal./computeMetadata/v1/")]
    public async Task CheckAsync_MetadataHostName_RefusedWithoutResolving(string url)
    {
        var guard = new UrlGuard(new FetchUrlOptions(), new ScriptedResolver().Answer("metadata.google.internal", ["93.184.216.34"]));

        var refused = await Assert.ThrowsAsync<UrlRefusedException>(() => guard.CheckAsync(new Uri(url), CancellationToken.None));

        Assert.Contains("metadata", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.com/file")]
    [InlineData("file:///etc/passwd")]
    public async Task CheckAsync_OtherScheme_Refused(string url)
    {
        var guard = new UrlGuard(new FetchUrlOptions(), new ScriptedResolver());

        var refused = await Assert.ThrowsAsync<UrlRefusedException>(() => guard.CheckAsync(new Uri(url), CancellationToken.None));

        Assert.Contains("only http and https", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_AllowHostsWithPort_AllowsThatPortOnly()
    {
        var guard = new UrlGuard(new FetchUrlOptions { AllowHosts = ["127.0.0.1:8080", "wiki.corp"] }, new ScriptedResolver().Answer("wiki.corp", ["10.0.0.7"]));

        Assert.Equal([IPAddress.Loopback], await guard.CheckAsync(new Uri("http://127.0.0.1:8080/x"), CancellationToken.None));
        Assert.Equal([IPAddress.Parse("10.0.0.7")], await guard.CheckAsync(new Uri("http://wiki.corp:9000/x"), CancellationToken.None));
        await Assert.ThrowsAsync<UrlRefusedException>(() => guard.CheckAsync(new Uri("http://127.0.0.1:8081/x"), CancellationToken.None));
    }

    [Fact]
    public async Task CheckAsync_AllowPrivate_AllowsLoopback()
    {
        var guard = new UrlGuard(new FetchUrlOptions { AllowPrivate = true }, new ScriptedResolver());

        Assert.Equal([IPAddress.Loopback], await guard.CheckAsync(new Uri("http://127.0.0.1/"), CancellationToken.None));
    }
}
