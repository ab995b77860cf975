using System.CommandLine;
using DingGate.Cli.Prompting;
using DingGate.Core.Configuration;
using DingGate.DingTalk.Diagnostics;

namespace DingGate.Cli.Onboard;

/// <summary>
/// The onboard conversation: model provider (checked with a live call), DingTalk app (checked with a token and a
/// Stream registration), reply mode, policies, allowFrom. Flags answer questions in advance; a failed check offers to
/// re-enter, keep anyway, or (without a terminal) fails.
/// </summary>
internal sealed class OnboardWizard(Prompter prompt, OnboardFlags flags, ParseResult parse, OnboardChecks checks, string stateDirectory)
{
    private bool SkipChecks => parse.GetValue(flags.SkipChecks);

    public async Task<OnboardResult?> RunAsync(CancellationToken cancellationToken)
    {
        await prompt.SayAsync("DingGate onboarding: a model, a DingTalk app, and who may talk to the bot.");
        var model = await ModelAsync(cancellationToken);
        if (model is null)
        {
            return null;
        }

        var channel = await DingTalkAsync(cancellationToken);
        if (channel is null)
        {
            return null;
        }

        channel.MessageType = parse.GetValue(flags.MessageType) ?? await prompt.ChooseAsync("Reply as:", ["card", "markdown"], "card");
        if (channel.MessageType == "card")
        {
            var templateGiven = parse.GetResult(flags.CardTemplateId) is { Implicit: false };
            channel.CardTemplateId = templateGiven
                ? Optional(parse.GetValue(flags.CardTemplateId) ?? string.Empty)
                : Optional(await prompt.AskAsync("AI card template id (Enter: the official AI card)", string.Empty));
            channel.CardTemplateKey = Optional(parse.GetValue(flags.CardTemplateKey) ?? string.Empty)
                ?? (channel.CardTemplateId is null || templateGiven ? null : Optional(await prompt.AskAsync("AI card content key (Enter: content)", string.Empty)));
        }

        var dm = parse.GetValue(flags.DmPolicy) ?? await prompt.ChooseAsync("Who may chat with the bot 1:1?", ["open", "pairing", "allowlist"], "pairing");
        var group = parse.GetValue(flags.GroupPolicy) ?? await prompt.ChooseAsync("In which groups does it answer?", ["open", "allowlist"], "open");
        var allow = parse.GetValue(flags.AllowFrom) ?? [];
        if (allow.Length == 0 && (dm == "allowlist" || group == "allowlist"))
        {
            var line = await prompt.AskAsync("Staff ids allowed (comma separated; /whoami in a chat with the bot shows yours)", string.Empty);
            allow = line.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        channel.DmPolicy = Enum.Parse<DmPolicy>(dm, ignoreCase: true);
        channel.GroupPolicy = Enum.Parse<GroupPolicy>(group, ignoreCase: true);
        channel.AllowFrom = allow.Length == 0 ? null : [.. allow];
        return new OnboardResult(model, channel);
    }

    private async Task<ModelSettings?> ModelAsync(CancellationToken cancellationToken)
    {
        var provider = parse.GetValue(flags.Provider) ?? await prompt.ChooseAsync("Model provider:", OnboardModel.Providers, "openai");
        var fromFlags = parse.GetValue(flags.Provider) is not null;
        for (var attempt = 0; ; attempt++)
        {
            var model = new ModelSettings { Provider = provider };
            if (provider != "demo")
            {
                model.BaseUrl = new Uri(First(attempt, flags.BaseUrl) ?? await prompt.AskAsync("API base URL", OnboardModel.DefaultBaseUrl(provider).ToString(), ValidUrl));
                model.ApiKey = First(attempt, flags.ApiKey) ?? Optional(await prompt.AskAsync("API key (or ${ENV_VAR}; Enter: none, for local servers)", string.Empty, secret: true));
                model.Model = First(attempt, flags.Model) ?? await prompt.AskAsync("Model id", OnboardModel.DefaultModel(provider));
            }

            if (SkipChecks || provider == "demo" || model.ApiKey?.StartsWith("${", StringComparison.Ordinal) == true)
            {
                return model;
            }

            await prompt.SayAsync($"Checking {OnboardModel.Describe(model)} …");
            if (await checks.ModelAsync(model, cancellationToken) is not { } problem)
            {
                await prompt.SayAsync("✓ the model answered.");
                return model;
            }

            await prompt.SayAsync($"✗ the model did not answer: {problem}");
            if (fromFlags || !await prompt.ConfirmAsync("Enter the model settings again?", defaultYes: true))
            {
                return fromFlags ? null : model;
            }
        }
    }

    private async Task<DingTalkChannelSettings?> DingTalkAsync(CancellationToken cancellationToken)
    {
        var fromFlags = parse.GetValue(flags.ClientId) is not null && parse.GetValue(flags.ClientSecret) is not null;
        for (var attempt = 0; ; attempt++)
        {
            var channel = new DingTalkChannelSettings
            {
                ClientId = First(attempt, flags.ClientId) ?? await prompt.AskAsync("DingTalk Client ID (AppKey)"),
                ClientSecret = First(attempt, flags.ClientSecret) ?? await prompt.AskAsync("DingTalk Client Secret (AppSecret, or ${ENV_VAR})", secret: true),
            };
            if (parse.GetValue(flags.Endpoint) is { } endpoint)
            {
                channel.Endpoints = new DingTalkEndpoints { Api = new Uri(endpoint), Oapi = new Uri(endpoint) };
            }

            if (SkipChecks || channel.ClientSecret!.StartsWith("${", StringComparison.Ordinal))
            {
                return channel;
            }

            await prompt.SayAsync("Checking the DingTalk app …");
            var result = await checks.DingTalkAsync(channel, stateDirectory, cancellationToken);
            await prompt.SayAsync(Describe(result));
            if (result.Ok)
            {
                return channel;
            }

            if (fromFlags || !await prompt.ConfirmAsync("Enter the app credentials again?", defaultYes: true))
            {
                return fromFlags ? null : channel;
            }
        }
    }

    // A flag answers the first round only: after a failed check, the wizard asks again.
    private string? First(int attempt, Option<string?> option) => attempt == 0 ? parse.GetValue(option) : null;

    private static string Describe(DingTalkProbeResult result) =>
        !result.TokenOk ? $"✗ credentials refused: {result.TokenError}"
        : !result.StreamOk ? $"✓ credentials; ✗ Stream registration refused: {result.StreamError} (choose Stream mode under Event Subscription and publish the app)"
        : "✓ credentials and Stream registration accepted.";

    private static string? ValidUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? null : "an http(s) URL, please";

    private static string? Optional(string answer) => answer.Length == 0 ? null : answer;
}
