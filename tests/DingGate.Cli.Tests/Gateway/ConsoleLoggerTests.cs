using DingGate.Cli.Gateway.Logging;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.Cli.Tests.Gateway;

public sealed class ConsoleLoggerTests
{
    private const string Secret = "s3cr3t-client-secret-value";

    [Fact]
    public void Log_SecretInMessageAndException_OneRedactedLine()
    {
        var console = new CapturingWriter();
        using (var provider = new ConsoleLoggerProvider(console, new SecretRedactor([Secret]), new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 30, 5, TimeSpan.Zero))))
        {
            provider.CreateLogger("DingGate.Test").Log(
                LogLevel.Warning, new EventId(42), new InvalidOperationException("refused " + Secret + "\nsecond line"), "Token call {Body} failed", "Authorization: Bearer abcdefgh12345678");
        }

        var line = Assert.Single(console.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("08:30:05 warn: DingGate.Test[42] Token call Authorization: Bearer *** failed System.InvalidOperationException: refused *** second line", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, line, StringComparison.Ordinal);
    }

    [Fact]
    public void UnexpectedError_VerbException_OneRedactedLine()
    {
        var text = DinggateCli.UnexpectedError("dinggate config get", new AggregateException(new HttpRequestException("GET https://oapi.dingtalk.com/gettoken?appkey=dingx&appsecret=s3cr3t failed")));

        Assert.Equal("dinggate config get: unexpected error: HttpRequestException: GET https://oapi.dingtalk.com/gettoken?appkey=dingx&appsecret=*** failed", text);
    }
}
