using DingGate.Agent.Providers;
using DingGate.Core.Configuration;
using Microsoft.Extensions.AI;

namespace DingGate.Bench.Model;

/// <summary>Every configured model name answers with the fake model.</summary>
internal sealed class BenchChatClientProvider : IChatClientProvider, IDisposable
{
    private readonly BenchChatClient _client = new();

    public IChatClient GetClient(string modelName, ModelSettings settings) => _client;

    public void Dispose() => _client.Dispose();
}
