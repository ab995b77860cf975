using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using DingGate.Core.Configuration.Loading;
using DingGate.Core.Secrets;

namespace DingGate.Cli.Config;

/// <summary><c>dinggate config get &lt;path&gt; [--reveal]</c>: a value as written in the file.</summary>
internal static class ConfigGetCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = ConfigCommand.ConfigOption();
        var path = new Argument<string>("path") { Description = "Dotted path, e.g. channels.dingtalk.messageType or channels.dingtalk.accounts.main.clientId." };
        var reveal = new Option<bool>("--reveal") { Description = "Print secret values (clientSecret, apiKey…) instead of ***." };
        var command = new Command("get", """
            Print a value as written in the configuration file (references like ${ENV} are shown, not resolved;
            secrets written literally show as *** unless --reveal, and so does the Password= part of a connection string). Objects print as JSON5.
            Exit codes: 0 printed; 1 not set; 2 bad command line; 78 the file is not valid JSON5.
            """) { config, path, reveal };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = ConfigSource.FromProcess(parse.GetValue(config));
            var dotted = parse.GetValue(path)!;
            JsonNode? value;
            try
            {
                value = ConfigDocument.Load(source.Path).Get(dotted);
            }
            catch (Exception ex) when (ex is FormatException or IOException)
            {
                await error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.Config;
            }

            if (value is null)
            {
                await error.WriteLineAsync($"{dotted}: not set in {source.Path}");
                return ExitCodes.Runtime;
            }

            await output.WriteLineAsync(Render(dotted, value, parse.GetValue(reveal)));
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static string Render(string dotted, JsonNode value, bool reveal)
    {
        if (value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String)
        {
            var text = scalar.GetValue<string>();
            if (!reveal && ConnectionStringPassword.IsConnectionString(dotted))
            {
                return ConnectionStringPassword.Mask(text);
            }

            return !reveal && ConfigValueText.IsSecret(dotted) && !text.StartsWith("${", StringComparison.Ordinal) ? "***" : text;
        }

        if (value is JsonValue && !reveal && ConfigValueText.IsSecret(dotted))
        {
            return "***";
        }

        return value is JsonValue ? value.ToJsonString() : Json5Writer.Write(reveal ? value : Masked(dotted, value.DeepClone())).TrimEnd();
    }

    // Secret strings inside an object or array shown as *** (references like ${ENV} stay readable).
    private static JsonNode Masked(string dotted, JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (child is not null)
                    {
                        obj[key] = Masked(dotted + "." + key, child.DeepClone());
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        array[i] = Masked(dotted, item.DeepClone());
                    }
                }

                return array;
            default:
                if (ConnectionStringPassword.IsConnectionString(dotted) && node is JsonValue text && text.GetValueKind() == JsonValueKind.String)
                {
                    return JsonValue.Create(ConnectionStringPassword.Mask(text.GetValue<string>()))!;
                }

                return ConfigValueText.IsSecret(dotted) && Render(dotted, node, reveal: false) == "***" ? JsonValue.Create("***")! : node;
        }
    }
}
