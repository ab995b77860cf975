using DingGate.Core.Configuration;
using DingGate.Core.Configuration.Loading;
using DingGate.Core.Secrets;

namespace DingGate.Core.Tests.Secrets;

public sealed class ConfigSecretsTests
{
    [Fact]
    public void Of_LoadedConfig_EverySecretIncludingResolvedReferences()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dinggate-secrets-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "qwen.key"), "sk-from-file-0001\n");
            var source = ConfigSource.Create(Path.Combine(dir, "dinggate.json"), name => name == "TEST_OPENAI_KEY" ? "sk-from-env-0002" : null, dir);
            var text = """
                {
                  models: {
                    default: { provider: "openai", model: "m", apiKey: "${TEST_OPENAI_KEY}" },
                    qwen: { provider: "openai", model: "q", apiKey: "${file:qwen.key}" },
                  },
                  channels: { dingtalk: {
                    clientId: "dingtop", clientSecret: "top-secret-0003",
                    accounts: { a: { clientId: "dinga", clientSecret: "account-secret-0004" }, b: { clientId: "dingb" } },
                  } },
                }
                """;

            var secrets = ConfigSecrets.Of(new ConfigLoader().LoadText(text, source).Config);

            Assert.Equal(["account-secret-0004", "sk-from-env-0002", "sk-from-file-0001", "top-secret-0003"], secrets.Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Of_McpServers_EnvAndHeaderValuesNamedAsSecrets()
    {
        var text = """
            {
              mcp: { servers: {
                gh: { command: "gh-mcp", env: { GITHUB_TOKEN: "ghp-secret-0005", LOG_LEVEL: "debug", API_KEY: "key-0006" } },
                crm: { url: "https://crm.example.com/mcp", headers: { Authorization: "Bearer crm-0007", "X-Api-Key": "crm-key-0008", Accept: "application/json" } },
              } },
            }
            """;

        var secrets = ConfigSecrets.Of(new ConfigLoader().LoadText(text, ConfigSource.Create("/tmp/dinggate.json", _ => null, "/tmp")).Config);

        Assert.Equal(["Bearer crm-0007", "crm-key-0008", "ghp-secret-0005", "key-0006"], secrets.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Of_StorageConnectionString_ItsPasswordOnly()
    {
        var text = """
            { storage: { provider: "postgres", connectionString: "Host=db.internal;Database=dinggate;Username=dg;Password=pg-secret-0009" } }
            """;

        var secrets = ConfigSecrets.Of(new ConfigLoader().LoadText(text, ConfigSource.Create("/tmp/dinggate.json", _ => null, "/tmp")).Config);

        Assert.Equal(["pg-secret-0009"], secrets);
        Assert.Equal("Host=db.internal;Database=dinggate;Username=dg;Password=***", ConfigSecrets.Redactor(new ConfigLoader().LoadText(text, ConfigSource.Create("/tmp/dinggate.json", _ => null, "/tmp")).Config).Redact("Host=db.internal;Database=dinggate;Username=dg;Password=pg-secret-0009"));
    }

    [Fact]
    public void Of_RedisConnectionString_ItsPasswordOnly()
    {
        var text = """
            { coordination: { redis: "redis.internal:6379,user=dg,password=redis-secret-0010,ssl=true" } }
            """;

        var config = new ConfigLoader().LoadText(text, ConfigSource.Create("/tmp/dinggate.json", _ => null, "/tmp")).Config;

        Assert.Equal("redis.internal:6379,user=dg,password=redis-secret-0010,ssl=true", config.Coordination.Redis);
        Assert.Equal(["redis-secret-0010"], ConfigSecrets.Of(config));
    }

    [Fact]
    public void Of_RedisSentinelConfiguration_BothPasswords()
    {
        var text = """
            { coordination: { redis: "sentinel.internal:26379,serviceName=main,Password=redis-secret-0011,sentinelUser=s,SENTINELPASSWORD=sentinel-secret-0012" } }
            """;

        var config = new ConfigLoader().LoadText(text, ConfigSource.Create("/tmp/dinggate.json", _ => null, "/tmp")).Config;

        Assert.Equal(["redis-secret-0011", "sentinel-secret-0012"], ConfigSecrets.Of(config).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Of_NoSecrets_Empty() => Assert.Empty(ConfigSecrets.Of(new DinggateConfig()));
}
