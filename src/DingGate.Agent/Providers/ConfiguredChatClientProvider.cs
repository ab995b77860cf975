using System.Collections.Concurrent;
using DingGate.Core.Configuration;
using Microsoft.Extensions.AI;

namespace DingGate.Agent.Providers;

// Creates each model's client on first use and keeps it while its settings stay the same: a reloaded config file that
// changes models.<name> (provider, baseUrl, model id, apiKey, options) gets a new client at the next turn. Clients of
// replaced settings are kept (a running turn may still stream from one) and disposed with the container.
internal sealed class ConfiguredChatClientProvider(ChatClientFactory factory) : IChatClientProvider, IDisposable
{
    private readonly ConcurrentDictionary<ModelKey, Lazy<IChatClient>> _clients = new();

    public IChatClient GetClient(string modelName, ModelSettings settings) =>
        _clients.GetOrAdd(ModelKey.Of(modelName, settings), key => new Lazy<IChatClient>(() => factory.Create(settings, key.Name))).Value;

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(lazy => lazy.IsValueCreated))
        {
            client.Value.Dispose();
        }

        _clients.Clear();
    }

    // Everything a client is built from (ModelSettings is a mutable class without value equality).
    private sealed record ModelKey(
        string Name, string? Provider, Uri? BaseUrl, string? Model, string? ApiKey, bool? SupportsImages, int? MaxOutputTokens, double? Temperature)
    {
        public static ModelKey Of(string name, ModelSettings s) =>
            new(name, s.Provider, s.BaseUrl, s.Model, s.ApiKey, s.SupportsImages, s.MaxOutputTokens, s.Temperature);

        // Never the key (records print their members).
        public override string ToString() => $"ModelKey {{ Name = {Name}, Model = {Model} }}";
    }
}
