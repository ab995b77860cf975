using DingGate.Core.Secrets;

namespace DingGate.Core.Tests.Secrets;

public sealed class SecretRedactorTests
{
    private const string ApiKey = "sk-test-SECRET123";

    private readonly SecretRedactor _redactor = new([ApiKey, "p+ss/w\"rd", null, "abc"]);

    [Theory]
    [InlineData("Incorrect API key provided: sk-test-SECRET123.", "Incorrect API key provided: ***.")]
    [InlineData("url ?key=sk-test-SECRET123&x=1", "url ?key=***&x=1")]
    [InlineData("escaped p%2Bss%2Fw%22rd and json \"p+ss/w\\\"rd\"", "escaped *** and json \"***\"")]
    [InlineData("abc is too short to be a secret", "abc is too short to be a secret")]
    public void Redact_ConfiguredSecret_AsIsUrlEncodedJsonEscaped(string text, string expected) =>
        Assert.Equal(expected, _redactor.Redact(text));

    [Theory]
    [InlineData("Authorization: Bearer eyJhbGciOi.payload.sig", "Authorization: Bearer ***")]
    [InlineData("{\"Authorization\":\"Basic dXNlcjpwYXNz\"}", "{\"Authorization\":\"Basic ***\"}")]
    [InlineData("You sent the header 'Bearer abcdefgh12345678'.", "You sent the header 'Bearer ***'.")]
    [InlineData("x-acs-dingtalk-access-token: 6d1bxxxxxxxx0f3b", "x-acs-dingtalk-access-token: ***")]
    [InlineData("{\"accessToken\":\"6d1b0f3b\",\"expireIn\":7200}", "{\"accessToken\":\"***\",\"expireIn\":7200}")]
    [InlineData("GET /v1.0/x?access_token=abc123def&y=2", "GET /v1.0/x?access_token=***&y=2")]
    [InlineData("https://oapi.dingtalk.com/robot/sendBySession?session=c5f6a3e2b1", "https://oapi.dingtalk.com/robot/sendBySession?session=***")]
    [InlineData("https://oapi.dingtalk.com/robot/send?access_token=t0k&timestamp=1700000000000&sign=abc%2Fdef%3D", "https://oapi.dingtalk.com/robot/send?access_token=***&timestamp=1700000000000&sign=***")]
    [InlineData("wss://wss-open-connection.dingtalk.com:443/connect?ticket=1a2b-3c4d", "wss://wss-open-connection.dingtalk.com:443/connect?ticket=***")]
    [InlineData("{\"appSecret\":\"s3cr3t\",\"sign\":\"SGVsbG8=\"}", "{\"appSecret\":\"***\",\"sign\":\"***\"}")]
    [InlineData("/gettoken?appkey=dingabc&appsecret=xyz", "/gettoken?appkey=dingabc&appsecret=***")]
    public void Redact_CredentialShapes_Masked(string text, string expected) =>
        Assert.Equal(expected, SecretRedactor.ShapesOnly().Redact(text));

    [Theory]
    [InlineData("admin token required: Authorization: Bearer <contents of admin.token in the state directory>")]
    [InlineData("Session default/dm:user001: the model call for msg1 failed")]
    [InlineData("Turn finished: tokens in 42 out 7, Basic settings kept")]
    [InlineData("{\"sessionWebhookExpiredTime\":1700000000000,\"tokens\":3}")]
    public void Redact_OrdinaryText_Unchanged(string text) => Assert.Equal(text, _redactor.Redact(text));

    [Fact]
    public void Redact_Exception_MessageStackAndInnerMasked()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("outer", new HttpRequestException("inner quotes " + ApiKey));
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        var text = _redactor.Redact(thrown);

        Assert.DoesNotContain(ApiKey, text, StringComparison.Ordinal);
        Assert.Contains("inner quotes ***", text, StringComparison.Ordinal);
        Assert.Contains(nameof(Redact_Exception_MessageStackAndInnerMasked), text, StringComparison.Ordinal);
    }

    [Fact]
    public void With_AddsSecrets_KeepsTheOldOnes()
    {
        var more = _redactor.With(["admin-token-0123456789"]);

        Assert.Equal("*** ***", more.Redact(ApiKey + " admin-token-0123456789"));
        Assert.Equal("admin-token-0123456789", _redactor.Redact("admin-token-0123456789"));
    }

    [Fact]
    public void Redact_SecretInsideALongerSecret_LongestMaskedFirst()
    {
        var redactor = new SecretRedactor(["token", "token-extended-value"]);

        Assert.Equal("a *** b ***", redactor.Redact("a token-extended-value b token"));
    }

    [Fact]
    public void Learn_SecretsOfAReload_MaskedFromNowOn_WithTheirEncodedForms_OldOnesKept()
    {
        var redactor = new SecretRedactor([ApiKey]);
        const string added = "new-client-secret/+= 42";

        Assert.Equal(added, redactor.Redact(added));
        redactor.Learn([added, null, "ab"]);

        Assert.Equal("***", redactor.Redact(added));
        Assert.Equal("?x=***", redactor.Redact("?x=" + Uri.EscapeDataString(added)));
        Assert.Equal("***", redactor.Redact(ApiKey));
        Assert.Equal("ab", redactor.Redact("ab"));
    }

    [Fact]
    public async Task Learn_WhileOtherThreadsRedact_NoLineSeesAHalfLearnedList()
    {
        var redactor = new SecretRedactor([ApiKey]);
        var secrets = Enumerable.Range(0, 200).Select(i => $"reload-secret-{i:D4}").ToList();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Assert.Equal("***", redactor.Redact(ApiKey));
            }
        })).ToList();

        foreach (var secret in secrets)
        {
            redactor.Learn([secret]);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.All(secrets, s => Assert.Equal("***", redactor.Redact(s)));
    }
}
