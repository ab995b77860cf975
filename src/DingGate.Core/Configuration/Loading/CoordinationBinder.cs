using System.Text.Json.Nodes;

namespace DingGate.Core.Configuration.Loading;

/// <summary>Binds <c>coordination</c>: <c>redis</c> (the StackExchange.Redis configuration string) and <c>keyPrefix</c>.</summary>
internal static class CoordinationBinder
{
    private static readonly string[] Keys = ["redis", "keyPrefix"];

    public static CoordinationSettings Bind(JsonNode? node, string path, ConfigReader r)
    {
        var coordination = new CoordinationSettings();
        foreach (var (key, value) in r.Object(node, path) ?? [])
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "redis": coordination.Redis = r.String(value, at); break;
                case "keyPrefix": coordination.KeyPrefix = r.String(value, at); break;
                default: r.Unknown(at, key, Keys); break;
            }
        }

        return coordination;
    }
}
