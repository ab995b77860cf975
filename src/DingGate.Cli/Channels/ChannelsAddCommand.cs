using System.CommandLine;
using DingGate.Cli.Config;
using DingGate.Cli.Prompting;
using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Channels;

/// <summary>
/// <c>dinggate channels add</c>: interactive (the seed's seven steps), with flags
/// (<c>--channel dingtalk --account main --client-id … --client-secret …</c>), or one key at a time
/// (<c>channels add channels.dingtalk.clientId dingxxx</c>).
/// </summary>
internal static class ChannelsAddCommand
{
    private const string Description = """
        Add a DingTalk app (account) to the configuration.
          Interactive:      dinggate channels add
          With flags:       dinggate channels add --channel dingtalk [--account main] --client-id dingxxx --client-secret '${DINGTALK_SECRET}'
          One key a time:   dinggate channels add channels.dingtalk.clientId dingxxx
        Without --account the top-level channels.dingtalk is the (default) account; with it, channels.dingtalk.accounts.<id>.
        Values are validated before anything is written; the file is kept owner-only. Restart the gateway afterwards.
        Exit codes: 0 added; 1 cannot write the file; 2 bad command line or no answers on stdin; 78 invalid value.
        """;

    public static Command Create(TextReader input, TextWriter output, TextWriter error)
    {
        var config = ConfigCommand.ConfigOption();
        var key = new Argument<string?>("key") { Description = "channels.dingtalk.<key> (key/value form).", Arity = ArgumentArity.ZeroOrOne };
        var value = new Argument<string?>("value") { Description = "The value (key/value form).", Arity = ArgumentArity.ZeroOrOne };
        var channel = new Option<string>("--channel") { Description = "Channel plugin: dingtalk (the only one).", DefaultValueFactory = _ => "dingtalk" };
        channel.AcceptOnlyFromAmong("dingtalk");
        var account = new Option<string?>("--account", "-a") { Description = "Account id (letters, digits, - and _); default: the top-level account.", HelpName = "id" };
        var flags = new ChannelsAddFlags();
        var command = new Command("add", Description) { config, key, value, channel, account };
        flags.AddTo(command);
        account.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } id && !System.Text.RegularExpressions.Regex.IsMatch(id, "^[A-Za-z0-9_-]{1,64}$"))
            {
                r.AddError($"--account must be letters, digits, '-' or '_' (got '{id}')");
            }
        });
        command.Validators.Add(r =>
        {
            var k = r.GetValue(key);
            if (k is not null && (r.GetValue(value) is null || !k.StartsWith("channels.dingtalk.", StringComparison.Ordinal)))
            {
                r.AddError("key/value form: channels add channels.dingtalk.<key> <value>");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = ConfigSource.FromProcess(parse.GetValue(config));
            if (parse.GetValue(key) is { } dotted)
            {
                var node = ConfigSetCommand.Parse(parse.GetValue(value)!, asString: false);
                return await ConfigEdit.ApplyAsync(source, dotted, d =>
                {
                    d.Set(dotted, node);
                    return null;
                }, $"Set {dotted}", output, error, cancellationToken);
            }

            ChannelAccountAnswers answers;
            if (flags.FromFlags(parse) is { } given)
            {
                answers = given;
            }
            else
            {
                try
                {
                    answers = await new ChannelsAddWizard(Prompter.ForConsole(input, output)).RunAsync();
                }
                catch (InputEndedException ex)
                {
                    await error.WriteLineAsync($"dinggate channels add: no answer for \"{ex.Question}\" (stdin ended). Without a terminal, pass --client-id and --client-secret.");
                    return ExitCodes.Usage;
                }
            }

            var id = parse.GetValue(account);
            var path = ChannelAccountAnswers.PathOf(id);
            var moved = false;
            var code = await ConfigEdit.ApplyAsync(source, path, d =>
            {
                moved = id is not null && ChannelAccountLayout.MoveTopLevelToDefault(d);
                foreach (var (k, v) in answers.Values())
                {
                    d.Set(path + "." + k, v);
                }

                return null;
            }, $"Added DingTalk account {id ?? "default"}", output, error, cancellationToken);
            if (code == ExitCodes.Ok)
            {
                if (moved)
                {
                    await output.WriteLineAsync("The top-level app moved to channels.dingtalk.accounts.default: with accounts, top-level keys are shared defaults.");
                }

                await output.WriteLineAsync("Next: 'dinggate gateway' (or 'dinggate gateway restart'), then 'dinggate channels status --probe'.");
            }

            return code;
        });
        return command;
    }
}
