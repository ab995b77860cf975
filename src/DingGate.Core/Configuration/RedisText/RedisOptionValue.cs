using System.Globalization;
using System.Security.Authentication;

namespace DingGate.Core.Configuration.RedisText;

// Whether an option's value has the shape StackExchange.Redis parses for it, and how to say what it must be without
// repeating the value. Where the client is laxer than its docs (any integer for an enum), names only are accepted.
internal static class RedisOptionValue
{
    private static readonly string[] Proxies = ["None", "Twemproxy", "Envoyproxy"];
    private static readonly string[] Protocols = ["2", "3", "resp2", "resp3"];
    private static readonly string[] DefaultsNames = ["amr", "azure", "enterprise", "rediscloud"];
    private static readonly string[] NotificationModes = ["Disabled", "Enabled", "Auto"];
    private static readonly string[] EndpointTypes = ["ServerDefault", "Auto", "InternalIp", "InternalFqdn", "ExternalIp", "ExternalFqdn", "None"];

    public static bool IsValid(RedisOptionKind kind, string value) => kind switch
    {
        RedisOptionKind.Text or RedisOptionKind.Ignored => true,
        RedisOptionKind.Boolean => IsBoolean(value),
        RedisOptionKind.Integer => TryInteger(value, out _),
        RedisOptionKind.PositiveInteger => TryInteger(value, out var n) && n >= 1,
        RedisOptionKind.Version => IsVersion(value),
        RedisOptionKind.Proxy => IsOneOf(value, Proxies),
        RedisOptionKind.SslProtocols => IsSslProtocols(value),
        RedisOptionKind.Protocol => TryInteger(value, out var p) ? p is 2 or 3 : IsOneOf(value, Protocols),
        RedisOptionKind.Defaults => IsOneOf(value, DefaultsNames),
        RedisOptionKind.MaintenanceNotifications => IsOneOf(value, NotificationModes),
        RedisOptionKind.MaintenanceEndpointType => IsOneOf(value, EndpointTypes),
        RedisOptionKind.MaintenanceSeconds => TryInteger(value, out var s) && s is >= 0 and <= 600,
        RedisOptionKind.Tunnel => IsTunnel(value),
        _ => false,
    };

    public static string Expected(RedisOptionKind kind) => kind switch
    {
        RedisOptionKind.Boolean => "true or false",
        RedisOptionKind.Integer => "an integer",
        RedisOptionKind.PositiveInteger => "an integer of at least 1 (milliseconds)",
        RedisOptionKind.Version => "a server version such as 7.2",
        RedisOptionKind.Proxy => string.Join(", ", Proxies),
        RedisOptionKind.SslProtocols => "TLS protocol names joined by '|', e.g. Tls12|Tls13",
        RedisOptionKind.Protocol => string.Join(", ", Protocols),
        RedisOptionKind.Defaults => string.Join(", ", DefaultsNames),
        RedisOptionKind.MaintenanceNotifications => string.Join(", ", NotificationModes),
        RedisOptionKind.MaintenanceEndpointType => string.Join(", ", EndpointTypes),
        RedisOptionKind.MaintenanceSeconds => "whole seconds from 0 to 600",
        RedisOptionKind.Tunnel => "http://host:port, or nothing",
        _ => "a value",
    };

    // The client's integers: invariant culture, optional sign, no thousands separators or exponent.
    private static bool TryInteger(string value, out int result) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result);

    private static bool IsBoolean(string value) =>
        bool.TryParse(value, out _) || value is "1" or "0" || IsOneOf(value, ["yes", "no", "on", "off"]);

    private static bool IsVersion(string value) =>
        System.Version.TryParse(value, out _) || (TryInteger(value, out var major) && major >= 0);

    private static bool IsOneOf(string value, string[] names) =>
        names.Contains(value, StringComparer.OrdinalIgnoreCase);

    private static bool IsSslProtocols(string value)
    {
        var names = value.Split('|', StringSplitOptions.TrimEntries);
        return names.All(n => n.Length > 0 && !char.IsAsciiDigit(n[0]) && n[0] is not ('-' or '+'))
            && Enum.TryParse<SslProtocols>(string.Join(',', names), ignoreCase: true, out _);
    }

    // The client reads "http:host:port" as "http://host:port"; nothing else than http is allowed.
    private static bool IsTunnel(string value)
    {
        if (value.Length == 0)
        {
            return true;
        }

        var text = value.StartsWith("http:", StringComparison.Ordinal) && !value.StartsWith("http://", StringComparison.Ordinal)
            ? value.Insert(5, "//")
            : value;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.Host.Length > 0;
    }
}
