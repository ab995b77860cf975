using DingGate.Core.Configuration;

namespace DingGate.Cli.Onboard;

/// <summary>What onboard writes: <c>models.default</c> and the top-level <c>channels.dingtalk</c> app.</summary>
internal sealed record OnboardResult(ModelSettings Model, DingTalkChannelSettings Channel);
