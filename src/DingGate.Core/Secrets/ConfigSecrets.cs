using System.Collections;
using System.Data.Common;
using System.Reflection;
using DingGate.Core.Configuration;
using DingGate.Core.Configuration.Loading;
using DingGate.Core.Configuration.RedisText;

namespace DingGate.Core.Secrets;

/// <summary>
/// Every secret value of a loaded configuration: each string property, at any depth, whose key names a secret
/// (<see cref="ConfigValueText.IsSecret"/>: <c>clientSecret</c>, <c>apiKey</c>, <c>…token</c>, <c>…password</c>), as
/// resolved from <c>${ENV}</c> / <c>${file:…}</c>. Found by walking the model, so a secret key added later is covered.
/// </summary>
public static class ConfigSecrets
{
    /// <summary>The redactor of <paramref name="config"/>'s secrets (and every credential shape).</summary>
    public static SecretRedactor Redactor(DinggateConfig config) => new(Of(config));

    /// <summary>The secret values of <paramref name="config"/>, without duplicates or empty values.</summary>
    public static IReadOnlyList<string> Of(DinggateConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var found = new HashSet<string>(StringComparer.Ordinal);
        Walk(config, found, depth: 0);
        McpSecrets(config, found);
        StorageSecrets(config, found);
        RedisSecrets(config, found);
        return [.. found];
    }

    // mcp.servers.<n>.env and .headers are maps: a value is a secret when its name says so (API_KEY, GITHUB_TOKEN,
    // Authorization, X-Api-Key, …).
    private static void McpSecrets(DinggateConfig config, HashSet<string> found)
    {
        foreach (var server in config.Mcp.Servers.Values)
        {
            foreach (var (name, value) in server.Env.Concat(server.Headers))
            {
                var key = name.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
                var secret = ConfigValueText.IsSecret(key) || key.Contains("key", StringComparison.OrdinalIgnoreCase)
                    || key.Contains("auth", StringComparison.OrdinalIgnoreCase) || key.Contains("cookie", StringComparison.OrdinalIgnoreCase)
                    || key.Contains("credential", StringComparison.OrdinalIgnoreCase);
                if (secret && value.Length >= 4)
                {
                    found.Add(value);
                }
            }
        }
    }

    // storage.connectionString: its password (Password= / Pwd=) is a secret; the rest (host, database, user) is not.
    private static void StorageSecrets(DinggateConfig config, HashSet<string> found)
    {
        if (string.IsNullOrWhiteSpace(config.Storage.ConnectionString))
        {
            return;
        }

        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = config.Storage.ConnectionString;
        }
        catch (ArgumentException)
        {
            // Not a key=value string: the whole value is treated as the secret.
            found.Add(config.Storage.ConnectionString);
            return;
        }

        foreach (var key in new[] { "password", "pwd" })
        {
            if (builder.TryGetValue(key, out var value) && value is string { Length: > 0 } password)
            {
                found.Add(password);
            }
        }
    }

    // coordination.redis: its password= and sentinelPassword= values are secrets; hosts, users and the other options are not.
    private static void RedisSecrets(DinggateConfig config, HashSet<string> found)
    {
        foreach (var part in (config.Coordination.Redis ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part[..equals].Trim() is var key
                && RedisOptionKeys.TryFind(key, out var name, out _) && RedisOptionKeys.IsPassword(name)
                && part[(equals + 1)..].Trim() is { Length: > 0 } value)
            {
                found.Add(value);
            }
        }
    }

    private static void Walk(object? node, HashSet<string> found, int depth)
    {
        if (node is null || depth > 16)
        {
            return;
        }

        if (node is IDictionary dictionary)
        {
            foreach (var value in dictionary.Values)
            {
                Walk(value, found, depth + 1);
            }

            return;
        }

        if (node is IEnumerable items and not string)
        {
            foreach (var item in items)
            {
                Walk(item, found, depth + 1);
            }

            return;
        }

        var type = node.GetType();
        if (type.Namespace is not { } ns || !ns.StartsWith(typeof(DinggateConfig).Namespace!, StringComparison.Ordinal))
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var value = property.GetValue(node);
            if (value is string text)
            {
                if (text.Length > 0 && ConfigValueText.IsSecret(property.Name))
                {
                    found.Add(text);
                }
            }
            else if (value is not null && !property.PropertyType.IsValueType && value is not Uri)
            {
                Walk(value, found, depth + 1);
            }
        }
    }
}
