using DingGate.Core.Configuration.RedisText;

namespace DingGate.Core.Configuration.Loading;

/// <summary>
/// Checks <c>coordination.redis</c>: a StackExchange.Redis configuration with at least one endpoint, read by
/// <see cref="RedisConfigurationText"/> (Core does not reference the client). The message names the path and what is
/// wrong, never the value (it may carry the password).
/// </summary>
internal static class CoordinationValidator
{
    private const string Example = "e.g. \"redis.internal:6379,password=${REDIS_PASSWORD}\"";

    public static void Validate(CoordinationSettings coordination, ConfigErrorList errors)
    {
        if (coordination.Redis is not { } redis)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(redis))
        {
            errors.Add("coordination.redis", null, $"must not be empty: a Redis connection string ({Example}), or leave the key out");
            return;
        }

        if (RedisConfigurationText.Problem(redis) is { } problem)
        {
            errors.Add("coordination.redis", null, $"is not a valid Redis connection string ({problem}); expected host:port[,option=value…], {Example}");
        }
    }
}
