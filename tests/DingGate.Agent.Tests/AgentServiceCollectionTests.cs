using DingGate.Agent.Providers;
using DingGate.Agent.Running;
using DingGate.Agent.Tests.Support;
using DingGate.Core.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Agent.Tests;

public sealed class AgentServiceCollectionTests
{
    [Fact]
    public async Task AddAgent_ProviderRegisteredAfter_FakeClientAnswers()
    {
        var fake = new FakeChatClient { Stream = (_, _) => FakeChatClient.Updates(new ChatResponseUpdate(ChatRole.Assistant, "scripted")) };
        var services = new ServiceCollection();
        services.AddAgent(Runners.Config(new ModelSettings { Provider = "openai", Model = "m", BaseUrl = new Uri("http://127.0.0.1:9/v1") }));
        services.UseClient(fake);
        await using var provider = services.BuildServiceProvider();
        await using var sink = new RecordingReplySink();

        var answer = await provider.GetRequiredService<IAgentRunner>().RunAsync(new AgentRequest(Messages.Text("q"), []), sink, CancellationToken.None);

        Assert.Equal("scripted", answer.Text);
        Assert.Single(fake.Calls);
    }

    [Fact]
    public async Task GetClient_SameModelTwice_CreatedOnce()
    {
        await using var provider = Runners.Build(new DinggateConfig());
        var clients = provider.GetRequiredService<IChatClientProvider>();
        var settings = new ModelSettings { Provider = "demo" };

        var first = clients.GetClient("default", settings);
        var second = clients.GetClient("default", settings);
        var other = clients.GetClient("other", settings);

        Assert.Same(first, second);
        Assert.NotSame(first, other);
    }
}
