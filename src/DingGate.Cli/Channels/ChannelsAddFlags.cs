using System.CommandLine;

namespace DingGate.Cli.Channels;

/// <summary>The non-interactive flags of <c>channels add</c>.</summary>
internal sealed class ChannelsAddFlags
{
    private readonly Option<string?> _clientId = new("--client-id") { Description = "The app's Client ID (AppKey).", HelpName = "id" };
    private readonly Option<string?> _clientSecret = new("--client-secret") { Description = "The app's Client Secret, or a reference like ${DINGTALK_SECRET}.", HelpName = "secret" };
    private readonly Option<string?> _name = new("--name") { Description = "Display name of the bot.", HelpName = "text" };
    private readonly Option<string?> _robotCode = new("--robot-code") { Description = "Robot code (default: the Client ID).", HelpName = "code" };
    private readonly Option<string?> _corpId = new("--corp-id") { Description = "Corp ID (legacy, optional).", HelpName = "id" };
    private readonly Option<string?> _agentId = new("--agent-id") { Description = "Agent ID (legacy, optional).", HelpName = "id" };
    private readonly Option<string?> _messageType = new("--message-type") { Description = "markdown or card.", HelpName = "type" };
    private readonly Option<string?> _templateId = new("--card-template-id") { Description = "AI card template id (card mode).", HelpName = "id" };
    private readonly Option<string?> _templateKey = new("--card-template-key") { Description = "AI card content key (card mode).", HelpName = "key" };
    private readonly Option<string?> _dmPolicy = new("--dm-policy") { Description = "open, pairing or allowlist.", HelpName = "policy" };
    private readonly Option<string?> _groupPolicy = new("--group-policy") { Description = "open or allowlist.", HelpName = "policy" };

    public void AddTo(Command command)
    {
        _messageType.AcceptOnlyFromAmong("markdown", "card");
        _dmPolicy.AcceptOnlyFromAmong("open", "pairing", "allowlist");
        _groupPolicy.AcceptOnlyFromAmong("open", "allowlist");
        Option[] all = [_clientId, _clientSecret, _name, _robotCode, _corpId, _agentId, _messageType, _templateId, _templateKey, _dmPolicy, _groupPolicy];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(r =>
        {
            var id = r.GetValue(_clientId);
            var secret = r.GetValue(_clientSecret);
            var others = all.Skip(2).Any(o => r.GetResult(o) is { Implicit: false });
            if ((id is null) != (secret is null) || (id is null && others))
            {
                r.AddError("--client-id and --client-secret go together (and the other flags need them); without any, the wizard asks");
            }
        });
    }

    /// <summary>The answers given as flags; null when the wizard should ask.</summary>
    public ChannelAccountAnswers? FromFlags(ParseResult parse) =>
        parse.GetValue(_clientId) is { } id && parse.GetValue(_clientSecret) is { } secret
            ? new ChannelAccountAnswers
            {
                ClientId = id, ClientSecret = secret, Name = parse.GetValue(_name), RobotCode = parse.GetValue(_robotCode),
                CorpId = parse.GetValue(_corpId), AgentId = parse.GetValue(_agentId), MessageType = parse.GetValue(_messageType),
                CardTemplateId = parse.GetValue(_templateId), CardTemplateKey = parse.GetValue(_templateKey),
                DmPolicy = parse.GetValue(_dmPolicy), GroupPolicy = parse.GetValue(_groupPolicy),
            }
            : null;
}
