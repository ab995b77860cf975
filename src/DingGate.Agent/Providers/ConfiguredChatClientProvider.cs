using System.Collections.Concurrent;
using DingGate.Core.Configuration;
using Microsoft.Extensions.AI;

namespace DingGate.Agent.Providers;

// Creates each model's client on first use and keeps it; disposes them with the container.
internal sealed class ConfiguredChatClientProvider(ChatClientFactory factory) : IChatClientProvider, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<IChatClient>> _clients = new(StringComparer.Ordinal);

    public IChatClient GetClient(string modelName, ModelSettings settings) =>
        _clients.GetOrAdd(modelName, name => new Lazy<IChatClient>(() => factory.Create(settings, name))).Value;

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(lazy => lazy.IsValueCreated))
        {
            client.Value.Dispose();
        }

        _clients.Clear();
    }
}
