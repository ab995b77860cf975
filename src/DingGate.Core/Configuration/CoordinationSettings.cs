namespace DingGate.Core.Configuration;

/// <summary><c>coordination</c>: what replicas share besides the database (issue 17).</summary>
public sealed class CoordinationSettings
{
    /// <summary>
    /// <c>coordination.redis</c>: a StackExchange.Redis connection string (<c>host:port[,password=…][,ssl=true]…</c>;
    /// <c>${ENV}</c> for the password), for the limits shared by the replicas. Unset: no Redis.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>
    /// The <c>password=</c> option of <see cref="Redis"/>, if any. A property of its own so that <c>ConfigSecrets</c>
    /// (which treats every <c>…Password</c> property as a secret) masks it in every output.
    /// </summary>
    public string? RedisPassword => RedisOption(Redis, "password");

    // The value of option `name` in a comma-separated StackExchange.Redis configuration string.
    internal static string? RedisOption(string? configuration, string name)
    {
        foreach (var part in (configuration ?? string.Empty).Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part[..equals].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                var value = part[(equals + 1)..].Trim();
                return value.Length > 0 ? value : null;
            }
        }

        return null;
    }
}
