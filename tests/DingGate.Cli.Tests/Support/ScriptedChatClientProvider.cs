using DingGate.Agent.Providers;
using DingGate.Core.Configuration;
using Microsoft.Extensions.AI;

namespace DingGate.Cli.Tests.Support;

/// <summary>Gives the one scripted model for every configured model name.</summary>
internal sealed class ScriptedChatClientProvider(IChatClient client) : IChatClientProvider
{
    public IChatClient GetClient(string modelName, ModelSettings settings) => client;
}
