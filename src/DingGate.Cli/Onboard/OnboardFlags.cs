using System.CommandLine;

namespace DingGate.Cli.Onboard;

/// <summary>The non-interactive answers of onboard; the wizard asks for whatever is not given (with a terminal or piped input).</summary>
internal sealed class OnboardFlags
{
    public Option<string?> Provider { get; } = new("--provider") { Description = "Model provider: openai (OpenAI-compatible: OpenAI, Qwen/DashScope, DeepSeek, Ollama, vLLM), anthropic, demo.", HelpName = "name" };

    public Option<string?> BaseUrl { get; } = new("--base-url") { Description = "Model API base URL (with /v1 for OpenAI-compatible servers).", HelpName = "url" };

    public Option<string?> ApiKey { get; } = new("--api-key") { Description = "Model API key, or a reference like ${DASHSCOPE_API_KEY}.", HelpName = "key" };

    public Option<string?> Model { get; } = new("--model") { Description = "Model id, e.g. qwen-plus, gpt-4o-mini, deepseek-chat.", HelpName = "id" };

    public Option<string?> ClientId { get; } = new("--client-id") { Description = "DingTalk app Client ID (AppKey).", HelpName = "id" };

    public Option<string?> ClientSecret { get; } = new("--client-secret") { Description = "DingTalk app Client Secret, or a reference like ${DINGTALK_SECRET}.", HelpName = "secret" };

    public Option<string?> MessageType { get; } = new("--message-type") { Description = "markdown or card.", HelpName = "type" };

    public Option<string?> CardTemplateId { get; } = new("--card-template-id") { Description = "AI card template id (card mode; default: the official AI card).", HelpName = "id" };

    public Option<string?> CardTemplateKey { get; } = new("--card-template-key") { Description = "AI card content key (card mode).", HelpName = "key" };

    public Option<string?> DmPolicy { get; } = new("--dm-policy") { Description = "open, pairing or allowlist.", HelpName = "policy" };

    public Option<string?> GroupPolicy { get; } = new("--group-policy") { Description = "open or allowlist.", HelpName = "policy" };

    public Option<string[]> AllowFrom { get; } = new("--allow-from") { Description = "A staff id allowed to talk to the bot (repeatable; for allowlist policies).", HelpName = "id" };

    public Option<string?> Endpoint { get; } = new("--dingtalk-endpoint") { Description = "DingTalk API base URL for both hosts (e.g. the emulator: http://127.0.0.1:9580). Default: DingTalk.", HelpName = "url" };

    public Option<bool> SkipChecks { get; } = new("--skip-checks") { Description = "Do not call the model and DingTalk to check the answers." };

    public Option<bool?> Start { get; } = new("--start") { Description = "Start the gateway at the end (--start false: do not ask)." };

    public void AddTo(Command command)
    {
        Provider.AcceptOnlyFromAmong(OnboardModel.Providers);
        MessageType.AcceptOnlyFromAmong("markdown", "card");
        DmPolicy.AcceptOnlyFromAmong("open", "pairing", "allowlist");
        GroupPolicy.AcceptOnlyFromAmong("open", "allowlist");
        foreach (var url in new[] { BaseUrl, Endpoint })
        {
            url.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<string?>() is { } text && !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                {
                    r.AddError($"{r.Option.Name} must be an absolute http:// or https:// URL (got '{text}')");
                }
            });
        }

        Option[] all = [Provider, BaseUrl, ApiKey, Model, ClientId, ClientSecret, MessageType, CardTemplateId, CardTemplateKey, DmPolicy, GroupPolicy, AllowFrom, Endpoint, SkipChecks, Start];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }
    }
}
