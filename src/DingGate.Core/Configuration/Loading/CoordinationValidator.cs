using StackExchange.Redis;

namespace DingGate.Core.Configuration.Loading;

/// <summary>
/// Checks <c>coordination.redis</c>: a StackExchange.Redis configuration with at least one endpoint. The message names
/// the path and what is wrong, never the value (it may carry the password).
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

        if (Problem(redis) is { } problem)
        {
            errors.Add("coordination.redis", null, $"is not a valid Redis connection string ({problem}); expected host:port[,option=value…], {Example}");
        }
    }

    // What is wrong, in words that never repeat an option's value.
    private static string? Problem(string redis)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(redis, ignoreUnknown: false);
        }
        catch (ArgumentException)
        {
            return "an option is unknown or has a bad value";
        }
        catch (FormatException)
        {
            return "an option has a bad value";
        }

        return options.EndPoints.Count == 0 ? "no host:port" : null;
    }
}
