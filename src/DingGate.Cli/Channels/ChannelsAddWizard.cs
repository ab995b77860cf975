using DingGate.Cli.Prompting;

namespace DingGate.Cli.Channels;

/// <summary>The seven steps of OpenClaw's <c>channels add</c>: plugin, Client ID, Client Secret, optional legacy ids, card mode, DM and group policy.</summary>
internal sealed class ChannelsAddWizard(Prompter prompt)
{
    public async Task<ChannelAccountAnswers> RunAsync()
    {
        await prompt.ChooseAsync("1. Channel plugin:", ["dingtalk"], "dingtalk");
        var clientId = await prompt.AskAsync("2. Client ID (AppKey, e.g. dingxxxxxxxx)", validate: NoSpaces);
        var secret = await prompt.AskAsync("3. Client Secret (AppSecret; or a reference such as ${DINGTALK_SECRET})", validate: NoSpaces, secret: true);
        string? robotCode = null, corpId = null, agentId = null;
        if (await prompt.ConfirmAsync("4. Add Robot Code, Corp ID and Agent ID (optional, recommended)?", defaultYes: false))
        {
            robotCode = Optional(await prompt.AskAsync("   Robot Code (Enter: same as Client ID)", ""));
            corpId = Optional(await prompt.AskAsync("   Corp ID (Enter: skip)", ""));
            agentId = Optional(await prompt.AskAsync("   Agent ID (Enter: skip)", ""));
        }

        string? templateId = null, templateKey = null;
        var cards = await prompt.ConfirmAsync("5. Reply with AI interactive cards (streaming)?", defaultYes: true);
        if (cards)
        {
            templateId = Optional(await prompt.AskAsync("   Card Template ID (Enter: the official AI card)", ""));
            templateKey = Optional(await prompt.AskAsync("   Card Template Key (Enter: msgContent / content)", ""));
        }

        var dm = await prompt.ChooseAsync("6. Private chat policy:", ["open", "pairing", "allowlist"], "open");
        var group = await prompt.ChooseAsync("7. Group chat policy:", ["open", "allowlist"], "open");
        return new ChannelAccountAnswers
        {
            ClientId = clientId, ClientSecret = secret, RobotCode = robotCode, CorpId = corpId, AgentId = agentId,
            MessageType = cards ? "card" : "markdown", CardTemplateId = templateId, CardTemplateKey = templateKey, DmPolicy = dm, GroupPolicy = group,
        };
    }

    private static string? NoSpaces(string answer) => answer.Any(char.IsWhiteSpace) ? "no spaces, please (paste the value exactly)" : null;

    private static string? Optional(string answer) => answer.Length == 0 ? null : answer;
}
