using System.Reflection;
using System.Text.Json;
using DingGate.Core.Configuration.Loading;
using StackExchange.Redis;

namespace DingGate.Storage.Tests.Redis;

// Core validates coordination.redis with its own reader of the StackExchange.Redis configuration syntax (Core does not
// reference the client). Here the same strings go through both, through the public config loader on Core's side and
// ConfigurationOptions.Parse(s, ignoreUnknown: false) + at least one endpoint on the client's: what one accepts the
// other must accept, except where Core is deliberately stricter (the client would drop or misread the item).
public sealed class CoordinationValidatorAgreementTests
{
    private const string Secret = "Zq9-Secret";

    public static TheoryData<string, bool> Agreed => new()
    {
        { "redis.internal:6379", true },
        { "redis.internal", true },
        { $"127.0.0.1:6379,password=pw={Secret}", true },
        { "[::1]:6379,ssl=true,sslHost=cache.local", true },
        { "::1", true },
        { $"a:6379,b:6380,serviceName=mymaster,user=dg,password={Secret}", true },
        { "cache:6379,ConnectTimeout=5000,SYNCTIMEOUT=1000,abortConnect=false", true },
        { $"cache:6379, ,password={Secret},", true },
        { "cache:6379,version=7.2,protocol=resp3,proxy=Twemproxy,defaultDatabase=2", true },
        { "cache:6379,sslProtocols=Tls12|Tls13,checkCertificateRevocation=no", true },
        { "cache:6379,$INFO=,$CONFIG=cfg", true },
        { "cache:6379,tunnel=http://proxy.local:8080", true },
        { "cache:6379,writeBuffer=ignored,name=", true },
        { "cache:6379,maintNotifications=auto,maintRelaxedTimeout=600", true },
        { "!/var/run/redis/redis.sock", true },
        { " ", false },
        { $"password={Secret}", false },
        { $"cache:6379,passwrod={Secret}", false },
        { $"cache:6379,password={Secret},bogusOption=1", false },
        { "cache:99999", false },
        { "cache:-1", false },
        { "cache:abc", false },
        { "cache:", false },
        { "cache:6379,connectTimeout=soon", false },
        { "cache:6379,syncTimeout=0", false },
        { "cache:6379,ssl=maybe", false },
        { "cache:6379,protocol=4", false },
        { "cache:6379,version=v7", false },
        { "cache:6379,tunnel=ftp://proxy.local:21", false },
        { "cache:6379,maintRelaxedTimeout=601", false },
        { $"cache:6379,password=Pa55,wOrd={Secret}", false },
    };

    // The client takes these (dropping the item, or reading it as an odd host name); Core stops with exit 78 instead.
    public static TheoryData<string> CoreStricter => new()
    {
        "cache:6379,other:abc",
        "cache:0",
        ":6379",
        "=cache",
        "[cache]:6379",
        "a:b:c",
        "my cache:6379",
        "cache:6379,proxy=7",
        "cache:6379,sslProtocols=12",
    };

    [Theory]
    [MemberData(nameof(Agreed))]
    public void Validate_ClientAndCore_AgreeOnAcceptOrReject(string configuration, bool valid)
    {
        Assert.Equal(valid, ClientAccepts(configuration));
        Assert.Equal(valid, CoreProblem(configuration) is null);
    }

    [Theory]
    [MemberData(nameof(CoreStricter))]
    public void Validate_ItemTheClientWouldDropOrMisread_CoreRejects(string configuration)
    {
        Assert.True(ClientAccepts(configuration));
        Assert.NotNull(CoreProblem(configuration));
    }

    [Theory]
    [InlineData($"cache:6379,passwrod={Secret}", "item 2: not an option StackExchange.Redis knows")]
    [InlineData($"cache:6379,password=Pa55,wOrd={Secret}", "item 3: not an option StackExchange.Redis knows (a password cannot contain ',')")]
    [InlineData("cache:6379,connectTimeout=soon", "item 2: connectTimeout must be an integer")]
    [InlineData("cache:99999", "item 1: the port must be a number from 1 to 65535")]
    [InlineData($"password={Secret}", "no host:port")]
    public void Validate_Rejected_SaysWhatAndWhereWithoutTheValue(string configuration, string expected)
    {
        var problem = CoreProblem(configuration);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("Pa55", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("wOrd", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("soon", problem, StringComparison.Ordinal);
    }

    // A newer client that learns an option must not make Core refuse it: every key the client reads is known to Core.
    [Fact]
    public void Validate_EveryOptionKeyTheClientKnows_IsNotUnknownToCore()
    {
        var keys = typeof(ConfigurationOptions).GetNestedType("OptionKeys", BindingFlags.NonPublic)
            ?.GetField("normalizedOptions", BindingFlags.NonPublic | BindingFlags.Static)
            ?.GetValue(null) as IDictionary<string, string>;
        Assert.True(keys is { Count: > 30 }, "StackExchange.Redis keeps its option keys elsewhere now: compare Core's RedisOptionKeys with ConfigurationOptions by hand and fix this test");

        var unknownToCore = keys.Keys.Where(k => CoreProblem($"cache:6379,{k}=")?.Contains("not an option", StringComparison.Ordinal) == true).ToList();

        Assert.Empty(unknownToCore);
    }

    private static bool ClientAccepts(string configuration)
    {
        try
        {
            return ConfigurationOptions.Parse(configuration, ignoreUnknown: false).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // The reason Core gives for coordination.redis, through the loader a user's file goes through; null when accepted.
    private static string? CoreProblem(string configuration)
    {
        var text = $$"""{ coordination: { redis: {{JsonSerializer.Serialize(configuration)}} } }""";
        try
        {
            new ConfigLoader().LoadText(text, ConfigSource.Create("/tmp/dinggate.json", _ => null, "/tmp"));
            return null;
        }
        catch (ConfigException ex)
        {
            var error = Assert.Single(ex.Errors);
            Assert.Equal("coordination.redis", error.Path);
            Assert.Null(error.Value);
            return error.Reason;
        }
    }
}
