using DingGate.Agent.Demo;
using DingGate.Agent.Providers;
using DingGate.Core.Configuration;
using Microsoft.Extensions.AI;

namespace DingGate.Agent.Tests.Providers;

public sealed class ChatClientFactoryTests
{
    private readonly ChatClientFactory _factory = new(TimeProvider.System);

    [Fact]
    public void Create_UnknownProvider_ClearError()
    {
        var error = Assert.Throws<ModelConfigurationException>(() => _factory.Create(new ModelSettings { Provider = "gemini", Model = "x" }, "fast"));

        Assert.Contains("models.fast.provider", error.Message, StringComparison.Ordinal);
        Assert.Contains("openai, anthropic, demo", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public void Create_MissingModel_ClearError(string provider)
    {
        var error = Assert.Throws<ModelConfigurationException>(() => _factory.Create(new ModelSettings { Provider = provider }, "default"));

        Assert.Contains("models.default.model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Demo_DemoClientInsidePipeline()
    {
        using var client = _factory.Create(new ModelSettings { Provider = "Demo" });

        Assert.NotNull(client.GetService<DemoChatClient>());
    }

    [Fact]
    public void Create_OpenAi_ReportsModelAndEndpoint()
    {
        using var client = _factory.Create(new ModelSettings { Provider = "openai", Model = "deepseek-chat", BaseUrl = new Uri("http://127.0.0.1:9/v1") });

        var metadata = client.GetService<ChatClientMetadata>();
        Assert.Equal("deepseek-chat", metadata?.DefaultModelId);
        Assert.Equal("http://127.0.0.1:9/v1", metadata?.ProviderUri?.ToString().TrimEnd('/'));
    }
}
