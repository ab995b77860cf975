using System.Text.Json.Nodes;

namespace DingGate.Cli.Channels;

/// <summary>What <c>channels add</c> (flags or wizard) writes for one DingTalk account; null values are left as they are.</summary>
internal sealed record ChannelAccountAnswers
{
    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    public string? Name { get; init; }

    public string? RobotCode { get; init; }

    public string? CorpId { get; init; }

    public string? AgentId { get; init; }

    public string? MessageType { get; init; }

    public string? CardTemplateId { get; init; }

    public string? CardTemplateKey { get; init; }

    public string? DmPolicy { get; init; }

    public string? GroupPolicy { get; init; }

    /// <summary>Where the account lives: <c>channels.dingtalk</c> for the default account, else under <c>accounts.&lt;id&gt;</c>.</summary>
    public static string PathOf(string? account) =>
        account is null or "default" ? "channels.dingtalk" : "channels.dingtalk.accounts." + account;

    /// <summary>The (key, value) pairs to set under <see cref="PathOf"/>.</summary>
    public IEnumerable<(string Key, JsonNode Value)> Values()
    {
        (string Key, string? Value)[] all =
        [
            ("clientId", ClientId), ("clientSecret", ClientSecret), ("name", Name), ("robotCode", RobotCode), ("corpId", CorpId),
            ("agentId", AgentId), ("messageType", MessageType), ("cardTemplateId", CardTemplateId), ("cardTemplateKey", CardTemplateKey),
            ("dmPolicy", DmPolicy), ("groupPolicy", GroupPolicy),
        ];
        return all.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => (p.Key, (JsonNode)JsonValue.Create(p.Value!.Trim())));
    }
}
