using System.Globalization;
using System.Text.Json.Nodes;

namespace DingGate.Core.Configuration.Loading;

/// <summary>Binds and checks <c>coordination</c>: <c>redis</c> (a StackExchange.Redis connection string).</summary>
internal static class CoordinationBinder
{
    private const string RedisPath = "coordination.redis";
    private static readonly string[] CoordinationKeys = ["redis"];

    public static CoordinationSettings Bind(JsonNode? node, string path, ConfigReader r)
    {
        var coordination = new CoordinationSettings();
        foreach (var (key, value) in r.Object(node, path) ?? [])
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "redis": coordination.Redis = r.String(value, at); break;
                default: r.Unknown(at, key, CoordinationKeys); break;
            }
        }

        return coordination;
    }

    // Set means at least one endpoint (host or host:port with a port 1-65535) before the options. The value is not
    // shown in the error: it may hold the password.
    public static void Validate(CoordinationSettings coordination, ConfigErrorList errors)
    {
        if (coordination.Redis is not { } redis)
        {
            return;
        }

        var endpoints = redis.Split(',').Select(p => p.Trim()).Where(p => p.Length > 0 && !p.Contains('=', StringComparison.Ordinal)).ToList();
        errors.Check(
            endpoints.Count > 0 && endpoints.All(IsEndpoint),
            RedisPath,
            null,
            "must be a Redis connection string: host[:port][,password=…][,ssl=true] (e.g. \"redis.internal:6379,password=${REDIS_PASSWORD}\")");
    }

    private static bool IsEndpoint(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        if (colon < 0 || endpoint.EndsWith(']'))
        {
            return !endpoint.Any(char.IsWhiteSpace);
        }

        return colon > 0 && !endpoint[..colon].Any(char.IsWhiteSpace)
            && int.TryParse(endpoint[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535;
    }
}
