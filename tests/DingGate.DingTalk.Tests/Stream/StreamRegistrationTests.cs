using DingGate.DingTalk.Stream.Registration;

namespace DingGate.DingTalk.Tests.Stream;

public sealed class StreamRegistrationTests
{
    [Theory]
    [InlineData("wss://wss-open-connection.dingtalk.com:443/connect", "5b0c7e2a-9d41", "wss://wss-open-connection.dingtalk.com/connect?ticket=5b0c7e2a-9d41")]
    [InlineData("ws://127.0.0.1:9580/connect", "a+b/c=d&e", "ws://127.0.0.1:9580/connect?ticket=a%2Bb%2Fc%3Dd%26e")]
    [InlineData("http://127.0.0.1:9580/connect?x=1", "t", "ws://127.0.0.1:9580/connect?x=1&ticket=t")]
    [InlineData("https://example.com/connect", "t", "wss://example.com/connect?ticket=t")]
    public void SocketUri_AppendsUrlEncodedTicket(string endpoint, string ticket, string expected) =>
        Assert.Equal(expected, new StreamRegistration(new Uri(endpoint), ticket).SocketUri().AbsoluteUri);

    [Fact]
    public void ToString_HidesTicket() =>
        Assert.DoesNotContain("secret-ticket", new StreamRegistration(new Uri("ws://h/connect"), "secret-ticket").ToString(), StringComparison.Ordinal);
}
