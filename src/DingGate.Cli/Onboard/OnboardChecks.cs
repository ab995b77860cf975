using DingGate.Agent.Providers;
using DingGate.Core.Configuration;
using DingGate.Core.Secrets;
using DingGate.DingTalk;
using DingGate.DingTalk.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Onboard;

/// <summary>The live checks of onboard: one short model call, and the DingTalk app's token and Stream registration.</summary>
internal sealed class OnboardChecks(TimeProvider time)
{
    public static readonly TimeSpan ModelTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Null when the model answered, else why not (the key never appears in the text).</summary>
    public async Task<string?> ModelAsync(ModelSettings model, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ModelTimeout);
        try
        {
            using var client = new ChatClientFactory(time).Create(model);
            var answer = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Reply with the single word OK.")], cancellationToken: timeout.Token);
            return string.IsNullOrWhiteSpace(answer.Text) ? "the model answered with no text" : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {ModelTimeout.TotalSeconds:0} s";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new SecretRedactor([model.ApiKey]).Redact(ex.Message);
        }
    }

    public async Task<DingTalkProbeResult> DingTalkAsync(DingTalkChannelSettings channel, string stateDirectory, CancellationToken cancellationToken)
    {
        await using var services = new ServiceCollection()
            .AddSingleton(time)
            .AddDingTalk(new DingTalkChannelOptions { Settings = channel, StateDirectory = stateDirectory })
            .BuildServiceProvider();
        return await services.GetRequiredService<DingTalkProbe>().ProbeAsync(channel.Resolve()[0], cancellationToken);
    }
}
