namespace DingGate.Core.Configuration.RedisText;

// The option keys StackExchange.Redis 3.4 accepts in a configuration string (ConfigurationOptions, "Configuration
// Options" in its docs), case-insensitive, each with the shape of its value. Kept in step with the client by
// CoordinationValidatorAgreementTests (DingGate.Storage.Tests), which parses the same strings with the client itself.
internal static class RedisOptionKeys
{
    private static readonly Dictionary<string, (string Name, RedisOptionKind Kind)> Options = new (string Name, RedisOptionKind Kind)[]
    {
        ("abortConnect", RedisOptionKind.Boolean),
        ("allowAdmin", RedisOptionKind.Boolean),
        ("asyncTimeout", RedisOptionKind.PositiveInteger),
        ("channelPrefix", RedisOptionKind.Text),
        ("checkCertificateRevocation", RedisOptionKind.Boolean),
        ("configChannel", RedisOptionKind.Text),
        ("configCheckSeconds", RedisOptionKind.Integer),
        ("connectRetry", RedisOptionKind.Integer),
        ("connectTimeout", RedisOptionKind.Integer),
        ("defaultDatabase", RedisOptionKind.Integer),
        ("defaults", RedisOptionKind.Defaults),
        ("highIntegrity", RedisOptionKind.Boolean),
        ("highPriorityThreads", RedisOptionKind.Ignored),
        ("keepAlive", RedisOptionKind.Integer),
        ("maintMovingEndpointType", RedisOptionKind.MaintenanceEndpointType),
        ("maintNotifications", RedisOptionKind.MaintenanceNotifications),
        ("maintPostEventRelaxed", RedisOptionKind.MaintenanceSeconds),
        ("maintRelaxedTimeout", RedisOptionKind.MaintenanceSeconds),
        ("maintRelaxedWindowMax", RedisOptionKind.MaintenanceSeconds),
        ("name", RedisOptionKind.Text),
        ("password", RedisOptionKind.Text),
        ("preserveAsyncOrder", RedisOptionKind.Ignored),
        ("protocol", RedisOptionKind.Protocol),
        ("proxy", RedisOptionKind.Proxy),
        ("resolveDns", RedisOptionKind.Boolean),
        ("responseTimeout", RedisOptionKind.Ignored),
        ("sentinelPassword", RedisOptionKind.Text),
        ("sentinelUser", RedisOptionKind.Text),
        ("serviceName", RedisOptionKind.Text),
        ("setlib", RedisOptionKind.Boolean),
        ("sharedSubscriptionConnection", RedisOptionKind.Boolean),
        ("ssl", RedisOptionKind.Boolean),
        ("sslHost", RedisOptionKind.Text),
        ("sslProtocols", RedisOptionKind.SslProtocols),
        ("syncTimeout", RedisOptionKind.PositiveInteger),
        ("tcpKeepAlive", RedisOptionKind.Boolean),
        ("tiebreaker", RedisOptionKind.Text),
        ("topologyRefreshSeconds", RedisOptionKind.Integer),
        ("tunnel", RedisOptionKind.Tunnel),
        ("user", RedisOptionKind.Text),
        ("version", RedisOptionKind.Version),
        ("writeBuffer", RedisOptionKind.Ignored),
    }.ToDictionary(o => o.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The kind of <paramref name="key"/> and its spelling in the table (never the caller's text).</summary>
    public static bool TryFind(string key, out string name, out RedisOptionKind kind)
    {
        var found = Options.TryGetValue(key, out var option);
        (name, kind) = found ? option : (string.Empty, default);
        return found;
    }

    /// <summary>Whether the option's value is a secret that a ',' would cut in two.</summary>
    public static bool IsPassword(string name) => name is "password" or "sentinelPassword";
}
