namespace DingGate.Core.Configuration.RedisText;

/// <summary>
/// Reads a StackExchange.Redis configuration string the way the client does (comma-separated items; an item with '='
/// after its first character is an option, any other an endpoint; blank items skipped) and says what is wrong with
/// it, in words that never repeat a value or a piece of one (a password may hold '=' and, cut by a ',', look like an
/// option or a host). Items are named by their position.
/// </summary>
internal static class RedisConfigurationText
{
    /// <summary>The first problem of <paramref name="configuration"/>, or null when the client will take it.</summary>
    public static string? Problem(string configuration)
    {
        var endpoints = 0;
        var items = configuration.Split(',');
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i].Trim();
            if (item.Length == 0)
            {
                continue;
            }

            var problem = item.IndexOf('=') switch
            {
                0 => "it starts with '=': an option is name=value",
                > 0 => OptionProblem(item),
                _ => RedisEndpointText.Problem(item),
            };
            if (problem is not null)
            {
                var hint = i > 0 && IsPasswordItem(items[i - 1]) ? " (a password cannot contain ',')" : string.Empty;
                return $"item {i + 1}: {problem}{hint}";
            }

            endpoints += item.Contains('=', StringComparison.Ordinal) ? 0 : 1;
        }

        return endpoints == 0 ? "no host:port" : null;
    }

    private static string? OptionProblem(string item)
    {
        var equals = item.IndexOf('=');
        var key = item[..equals].Trim();
        if (key[0] == '$')
        {
            // A command rename ($INFO=, $CONFIG=cfg): the client ignores a name it does not know.
            return null;
        }

        if (!RedisOptionKeys.TryFind(key, out var name, out var kind))
        {
            return "not an option StackExchange.Redis knows";
        }

        var value = item[(equals + 1)..].Trim();
        return RedisOptionValue.IsValid(kind, value) ? null : $"{name} must be {RedisOptionValue.Expected(kind)}";
    }

    private static bool IsPasswordItem(string item)
    {
        var equals = item.IndexOf('=');
        return equals > 0 && RedisOptionKeys.TryFind(item[..equals].Trim(), out var name, out _) && RedisOptionKeys.IsPassword(name);
    }
}
