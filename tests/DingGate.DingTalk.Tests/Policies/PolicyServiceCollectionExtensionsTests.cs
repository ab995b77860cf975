using DingGate.Core.Configuration;
using DingGate.Core.Storage;
using DingGate.DingTalk.Inbound;
using DingGate.DingTalk.Policies;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.DingTalk.Tests.Policies;

public sealed class PolicyServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddDingTalkParsingAndPolicies_WithStore_ResolvesWorkingPolicy()
    {
        var store = new InMemoryPairingStore();
        var services = new ServiceCollection().AddLogging().AddSingleton<IPairingStore>(store).AddDingTalkParsingAndPolicies();
        await using var provider = services.BuildServiceProvider();

        var policy = provider.GetRequiredService<AccessPolicy>();
        var decision = await policy.DecideAsync(PolicyTestKit.Account(dm: DmPolicy.Pairing), PolicyTestKit.Direct("user002"), CancellationToken.None);

        Assert.IsType<PolicyDecision.PairingIssued>(decision);
        Assert.Single(store.AllPending);
        Assert.NotNull(provider.GetRequiredService<InboundMessageParser>());
    }
}
