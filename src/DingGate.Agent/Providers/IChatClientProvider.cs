using Microsoft.Extensions.AI;

namespace DingGate.Agent.Providers;

/// <summary>
/// Gives the <see cref="IChatClient"/> of a model name (<c>models.&lt;name&gt;</c>). The default creates each client once,
/// lazily, from the configuration; tests and hosts register their own to plug in a fake model.
/// </summary>
internal interface IChatClientProvider
{
    /// <summary>The client for <paramref name="modelName"/> with its settings (the same instance on every call).</summary>
    IChatClient GetClient(string modelName, Core.Configuration.ModelSettings settings);
}
