namespace DingGate.Core.Configuration;

/// <summary><c>channels</c>.</summary>
public sealed class ChannelsSettings
{
    /// <summary><c>channels.dingtalk</c> (OpenClaw's keys).</summary>
    public DingTalkChannelSettings? Dingtalk { get; set; }
}
