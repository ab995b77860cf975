using DingGate.Agent.Providers;
using DingGate.Core.Configuration;
using Microsoft.Extensions.AI;

namespace DingGate.Cli.Tests.Sandbox;

/// <summary>Plugs <see cref="ScriptedChatClient"/> in as every model of the sandbox's gateway.</summary>
internal sealed class ScriptedChatClientProvider(IChatClient client) : IChatClientProvider
{
    public IChatClient GetClient(string modelName, ModelSettings settings) => client;
}
