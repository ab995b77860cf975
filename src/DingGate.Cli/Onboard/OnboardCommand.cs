using System.CommandLine;
using System.Text.Json.Nodes;
using DingGate.Cli.Config;
using DingGate.Cli.Gateway;
using DingGate.Cli.Prompting;
using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Onboard;

/// <summary>
/// <c>dinggate onboard</c>: the first-run wizard. Model (checked live), DingTalk app (checked live), reply mode,
/// policies and allowFrom go to the configuration (models.default and channels.dingtalk; other keys are kept), written
/// owner-only; then it offers to start the gateway.
/// </summary>
internal static class OnboardCommand
{
    private const string Description = """
        Set DingGate up: pick a model provider (checked with a live call), enter the DingTalk app's Client ID and
        Secret (checked by fetching a token and opening a Stream registration), the reply mode (AI card or markdown),
        who may talk to the bot, then write the configuration (owner-only; models.default and channels.dingtalk,
        other keys kept) and offer to start the gateway. Every question has a flag; answers can be piped.
        Exit codes: 0 written (or the started gateway stopped normally); 1 a check failed with flags given, or the
        file cannot be written; 2 bad command line, or input ended while a question needed an answer; 78 invalid answers.
        """;

    public static Command Create(TextReader input, TextWriter output, TextWriter error)
    {
        var config = ConfigCommand.ConfigOption();
        var flags = new OnboardFlags();
        var command = new Command("onboard", Description) { config };
        flags.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = ConfigSource.FromProcess(parse.GetValue(config));
            var prompt = Prompter.ForConsole(input, output);
            OnboardResult? result;
            try
            {
                var state = source.Environment(ConfigSource.StateDirVariable) ?? source.DefaultDirectory;
                result = await new OnboardWizard(prompt, flags, parse, new OnboardChecks(TimeProvider.System), state).RunAsync(cancellationToken);
            }
            catch (InputEndedException ex)
            {
                await error.WriteLineAsync($"dinggate onboard: no answer for \"{ex.Question}\" (input ended). Without a terminal, give the answers as flags (see --help).");
                return ExitCodes.Usage;
            }

            if (result is null)
            {
                await error.WriteLineAsync("dinggate onboard: a check failed; nothing written. Fix the value, or pass --skip-checks to write it anyway.");
                return ExitCodes.Runtime;
            }

            var code = await ConfigEdit.ApplyAsync(source, string.Empty, d => Write(d, result), "Configuration written", output, error, cancellationToken);
            if (code != ExitCodes.Ok)
            {
                return code;
            }

            var start = parse.GetValue(flags.Start);
            if (start == true || (start is null && await AskStartAsync(prompt)))
            {
                return await GatewayRunner.RunAsync(source, output, error, cancellationToken);
            }

            await output.WriteLineAsync("Start it with 'dinggate gateway'; check it with 'dinggate doctor'.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<bool> AskStartAsync(Prompter prompt)
    {
        try
        {
            return await prompt.ConfirmAsync("Start the gateway now?", defaultYes: true);
        }
        catch (InputEndedException)
        {
            return false;
        }
    }

    private static string? Write(ConfigDocument document, OnboardResult result)
    {
        var model = new JsonObject { ["provider"] = result.Model.Provider };
        Add(model, "baseUrl", result.Model.BaseUrl?.ToString());
        Add(model, "apiKey", result.Model.ApiKey);
        Add(model, "model", result.Model.Model);
        document.Set("models.default", model);
        var c = result.Channel;
        var at = "channels.dingtalk.";
        foreach (var (key, value) in new (string, string?)[]
        {
            ("clientId", c.ClientId), ("clientSecret", c.ClientSecret), ("messageType", c.MessageType), ("cardTemplateId", c.CardTemplateId),
            ("cardTemplateKey", c.CardTemplateKey), ("dmPolicy", c.DmPolicy?.ToString().ToLowerInvariant()), ("groupPolicy", c.GroupPolicy?.ToString().ToLowerInvariant()),
        })
        {
            if (value is not null)
            {
                document.Set(at + key, JsonValue.Create(value));
            }
        }

        if (c.AllowFrom is { Count: > 0 } allow)
        {
            document.Set(at + "allowFrom", new JsonArray([.. allow.Select(a => (JsonNode)JsonValue.Create(a))]));
        }

        if (c.Endpoints is { Api: { } api })
        {
            document.Set(at + "endpoints", new JsonObject { ["api"] = api.ToString(), ["oapi"] = (c.Endpoints.Oapi ?? api).ToString() });
        }

        return null;
    }

    private static void Add(JsonObject target, string key, string? value)
    {
        if (value is not null)
        {
            target[key] = value;
        }
    }
}
