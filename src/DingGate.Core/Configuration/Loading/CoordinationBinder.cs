using System.Text.Json.Nodes;

namespace DingGate.Core.Configuration.Loading;

/// <summary>Binds <c>coordination</c>: <c>redis</c> (the StackExchange.Redis configuration string).</summary>
internal static class CoordinationBinder
{
    private static readonly string[] Keys = ["redis"];

    public static CoordinationSettings Bind(JsonNode? node, string path, ConfigReader r)
    {
        var coordination = new CoordinationSettings();
        foreach (var (key, value) in r.Object(node, path) ?? [])
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "redis": coordination.Redis = r.String(value, at); break;
                default: r.Unknown(at, key, Keys); break;
            }
        }

        return coordination;
    }
}
