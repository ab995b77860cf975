using System.CommandLine;
using System.Text.Json.Nodes;
using DingGate.Core.Configuration.Json5;
using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Config;

/// <summary><c>dinggate config set &lt;path&gt; &lt;value&gt; [--string]</c> and <c>config unset &lt;path&gt;</c>.</summary>
internal static class ConfigSetCommand
{
    private const string ExitCodesText = "Exit codes: 0 changed; 1 cannot write the file (unset: not set); 2 bad command line; 78 the change would make the configuration invalid (nothing written).";

    public static Command CreateSet(TextWriter output, TextWriter error)
    {
        var config = ConfigCommand.ConfigOption();
        var path = new Argument<string>("path") { Description = "Dotted path, e.g. channels.dingtalk.messageType." };
        var value = new Argument<string>("value") { Description = "A JSON5 value (true, 500, [\"a\",\"b\"], {…}) or plain text, which is taken as a string." };
        var asString = new Option<bool>("--string") { Description = "Take the value as a string even if it reads as a number, boolean or null." };
        var command = new Command("set", """
            Set a value in the configuration file, creating the file and the objects on the way. The result is
            validated as the gateway would load it: an invalid value is refused with the reason; what the
            configuration still needs elsewhere (e.g. clientSecret after setting clientId) is listed.
            The file is rewritten as JSON5 (owner-only permissions), without its comments; the previous version is kept
            as <file>.bak. Write secrets as references: config set channels.dingtalk.clientSecret '${DINGTALK_SECRET}'.
            """ + "\n" + ExitCodesText) { config, path, value, asString };
        command.SetAction((parse, cancellationToken) =>
        {
            var dotted = parse.GetValue(path)!;
            var node = Parse(parse.GetValue(value)!, parse.GetValue(asString));
            return ConfigEdit.ApplyAsync(
                ConfigSource.FromProcess(parse.GetValue(config)),
                dotted,
                d =>
                {
                    d.Set(dotted, node);
                    return null;
                },
                $"Set {dotted}",
                output,
                error,
                cancellationToken);
        });
        return command;
    }

    public static Command CreateUnset(TextWriter output, TextWriter error)
    {
        var config = ConfigCommand.ConfigOption();
        var path = new Argument<string>("path") { Description = "Dotted path of the value to remove." };
        var command = new Command("unset", "Remove a value from the configuration file (validated like set).\n" + ExitCodesText) { config, path };
        command.SetAction((parse, cancellationToken) =>
        {
            var dotted = parse.GetValue(path)!;
            var source = ConfigSource.FromProcess(parse.GetValue(config));
            return ConfigEdit.ApplyAsync(
                source, dotted, d => d.Remove(dotted) ? null : $"{dotted}: not set in {source.Path}", $"Removed {dotted}", output, error, cancellationToken);
        });
        return command;
    }

    // JSON5 when it parses (numbers, booleans, null, quoted strings, arrays, objects), else the text itself.
    internal static JsonNode? Parse(string text, bool asString)
    {
        if (asString)
        {
            return JsonValue.Create(text);
        }

        try
        {
            return Json5Reader.Parse(text, "value");
        }
        catch (Json5Exception)
        {
            return JsonValue.Create(text);
        }
    }
}
