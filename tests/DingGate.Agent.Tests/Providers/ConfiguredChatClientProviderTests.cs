using DingGate.Agent.Providers;
using DingGate.Core.Configuration;

namespace DingGate.Agent.Tests.Providers;

/// <summary>One client per model while its settings stay; a reloaded <c>models.&lt;name&gt;</c> gets a new one (issue 16 item 6).</summary>
public sealed class ConfiguredChatClientProviderTests
{
    private static ModelSettings Model(string model = "qwen-plus", string apiKey = "sk-one-1234", string baseUrl = "http://127.0.0.1:9/v1") =>
        new() { Provider = "openai", Model = model, ApiKey = apiKey, BaseUrl = new Uri(baseUrl) };

    [Fact]
    public void SameSettings_EvenAsANewObjectAfterAReload_SameClient()
    {
        using var provider = new ConfiguredChatClientProvider(new ChatClientFactory(TimeProvider.System));

        Assert.Same(provider.GetClient("default", Model()), provider.GetClient("default", Model()));
    }

    [Theory]
    [InlineData("model")]
    [InlineData("apiKey")]
    [InlineData("baseUrl")]
    [InlineData("temperature")]
    public void ChangedSettings_NewClient(string changed)
    {
        using var provider = new ConfiguredChatClientProvider(new ChatClientFactory(TimeProvider.System));
        var before = provider.GetClient("default", Model());

        var next = changed switch
        {
            "model" => Model(model: "qwen-max"),
            "apiKey" => Model(apiKey: "sk-two-5678"),
            "baseUrl" => Model(baseUrl: "http://127.0.0.1:10/v1"),
            _ => new ModelSettings { Provider = "openai", Model = "qwen-plus", ApiKey = "sk-one-1234", BaseUrl = new Uri("http://127.0.0.1:9/v1"), Temperature = 0.2 },
        };

        Assert.NotSame(before, provider.GetClient("default", next));
        Assert.NotSame(provider.GetClient("default", Model()), provider.GetClient("other", Model()));
    }
}
