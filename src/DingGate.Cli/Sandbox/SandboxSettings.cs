namespace DingGate.Cli.Sandbox;

/// <summary>What the sandbox page can switch at run time: how the bot replies and who may talk to it.</summary>
internal sealed record SandboxSettings(string MessageType, string DmPolicy, string GroupPolicy)
{
    /// <summary>Cards stream live, everyone may talk: the most to see on first run.</summary>
    public static SandboxSettings Default { get; } = new("card", "open", "open");

    public static readonly string[] MessageTypes = ["markdown", "card"];
    public static readonly string[] DmPolicies = ["open", "pairing", "allowlist"];
    public static readonly string[] GroupPolicies = ["open", "allowlist"];

    /// <summary>Null when valid, else what is wrong.</summary>
    public string? Validate() =>
        !MessageTypes.Contains(MessageType) ? $"messageType must be one of {string.Join(" | ", MessageTypes)}"
        : !DmPolicies.Contains(DmPolicy) ? $"dmPolicy must be one of {string.Join(" | ", DmPolicies)}"
        : !GroupPolicies.Contains(GroupPolicy) ? $"groupPolicy must be one of {string.Join(" | ", GroupPolicies)}"
        : null;
}
