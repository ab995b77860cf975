namespace DingGate.Core.Tests.Configuration;

public sealed class EnvironmentSubstitutionTests : IDisposable
{
    private readonly ConfigFiles _files = new();

    [Theory]
    [InlineData("${NAME}", "Bot One")]
    [InlineData("pre-${NAME}-post", "pre-Bot One-post")]
    [InlineData("${UNSET:-fallback}", "fallback")]
    [InlineData("${EMPTY:-fallback}", "fallback")]
    [InlineData("${NAME:-fallback}", "Bot One")]
    [InlineData("${UNSET:-}", "")]
    [InlineData("$${NAME}", "${NAME}")]
    [InlineData("price: $5 ${NAME}$", "price: $5 Bot One$")]
    [InlineData("${NAME}${NAME}", "Bot OneBot One")]
    public void Load_StringWithReferences_IsSubstituted(string written, string expected)
    {
        _files.Environment["NAME"] = "Bot One";
        _files.Environment["EMPTY"] = string.Empty;

        var loaded = _files.Load($$"""{ channels: { dingtalk: { clientId: "a", clientSecret: "b", name: "{{written}}" } } }""");

        Assert.Equal(expected, loaded.Config.Channels.Dingtalk!.Name);
    }

    [Fact]
    public void Load_ReferencesInArraysAndKeysOfAccounts_ValuesOnlyAreSubstituted()
    {
        _files.Environment["OWNER"] = "user42";
        _files.Environment["ID"] = "dingfromenv";

        var loaded = _files.Load("""{ channels: { dingtalk: { allowFrom: ["${OWNER}"], accounts: { "${ID}": { clientId: "${ID}", clientSecret: "b" } } } } }""");

        var dingtalk = loaded.Config.Channels.Dingtalk!;
        Assert.Equal(["user42"], dingtalk.AllowFrom!);
        Assert.Equal("dingfromenv", dingtalk.Accounts["${ID}"].ClientId);
    }

    [Fact]
    public void Load_UnsetVariable_ErrorNamesPathAndVariableNotOtherValues()
    {
        _files.Environment["OTHER"] = "do-not-show";

        var error = _files.LoadFails("""{ channels: { dingtalk: { clientId: "${OTHER}", clientSecret: "${DT_SECRET}" } } }""");

        var only = Assert.Single(error.Errors);
        Assert.Equal("channels.dingtalk.clientSecret", only.Path);
        Assert.Contains("DT_SECRET", only.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("do-not-show", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnsetVariableInheritedByAccounts_OneErrorNoKnockOns()
    {
        var error = _files.LoadFails("""{ channels: { dingtalk: { clientSecret: "${DT_SECRET}", accounts: { a: { clientId: "x" }, b: { clientId: "y" } } } } }""");

        Assert.Equal("channels.dingtalk.clientSecret", Assert.Single(error.Errors).Path);
    }

    [Theory]
    [InlineData("${BAD NAME}", "not a valid reference")]
    [InlineData("${OPEN", "unterminated")]
    public void Load_MalformedReference_IsAnError(string written, string reason)
    {
        var error = _files.LoadFails($$"""{ models: { default: { provider: "demo", model: "{{written}}" } } }""");

        Assert.Contains(error.Errors, e => e.Path == "models.default.model" && e.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("s3cret\n", "s3cret")]
    [InlineData("s3cret\r\n", "s3cret")]
    [InlineData("s3cret", "s3cret")]
    [InlineData("two\nlines\n\n", "two\nlines\n")]
    public void Load_SecretFromFile_ContentWithoutFinalNewline(string content, string expected)
    {
        var file = _files.Write("secret.txt", content);

        var loaded = _files.Load($$"""{ channels: { dingtalk: { clientId: "a", clientSecret: "${file:{{file.Replace("\\", "\\\\", StringComparison.Ordinal)}}}" } } }""");

        Assert.Equal(expected, loaded.Config.Channels.Dingtalk!.ClientSecret);
    }

    [Fact]
    public void Load_SecretFileRelativePath_IsRelativeToConfigFile()
    {
        _files.Write("key.txt", "sk-rel\n");

        var loaded = _files.Load("""{ models: { default: { provider: "openai", model: "m", apiKey: "${file:key.txt}" } } }""");

        Assert.Equal("sk-rel", loaded.Config.Models["default"].ApiKey);
    }

    [Fact]
    public void Load_SecretFileMissing_ErrorNamesJsonPathAndFile()
    {
        var missing = Path.Combine(_files.Home, "run", "secrets", "dingtalk");

        var error = _files.LoadFails($$"""{ channels: { dingtalk: { clientId: "a", clientSecret: "${file:{{missing.Replace("\\", "\\\\", StringComparison.Ordinal)}}}" } } }""");

        var only = Assert.Single(error.Errors);
        Assert.Equal("channels.dingtalk.clientSecret", only.Path);
        Assert.Contains(missing, only.Reason, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
