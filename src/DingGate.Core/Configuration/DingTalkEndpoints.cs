namespace DingGate.Core.Configuration;

/// <summary>Base URLs of the two DingTalk API hosts (<c>channels.dingtalk.endpoints</c>); point them at the emulator for tests.</summary>
public sealed class DingTalkEndpoints
{
    /// <summary>Default new-style API host.</summary>
    public const string DefaultApi = "https://api.dingtalk.com";

    /// <summary>Default legacy API host.</summary>
    public const string DefaultOapi = "https://oapi.dingtalk.com";

    /// <summary>New-style API base URL (tokens, stream registration, robot and card APIs).</summary>
    public Uri? Api { get; set; }

    /// <summary>Legacy API base URL (gettoken, media upload, session webhooks).</summary>
    public Uri? Oapi { get; set; }
}
