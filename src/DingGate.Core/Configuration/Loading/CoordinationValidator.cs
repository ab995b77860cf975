using DingGate.Core.Configuration.RedisText;

namespace DingGate.Core.Configuration.Loading;

/// <summary>
/// Checks <c>coordination.redis</c>: a StackExchange.Redis configuration with at least one endpoint, read by
/// <see cref="RedisConfigurationText"/> (Core does not reference the client). The message names the path and what is
/// wrong, never the value (it may carry the password). And <c>coordination.keyPrefix</c>: 1–64 characters, no
/// whitespace or control characters.
/// </summary>
internal static class CoordinationValidator
{
    private const string Example = "e.g. \"redis.internal:6379,password=${REDIS_PASSWORD}\"";

    public static void Validate(CoordinationSettings coordination, ConfigErrorList errors)
    {
        ValidateKeyPrefix(coordination.KeyPrefix, errors);
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

    // The index of the first whitespace or control character, or -1.
    private static int FirstForbidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) || char.IsControl(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static void ValidateKeyPrefix(string? prefix, ConfigErrorList errors)
    {
        const string Path = "coordination.keyPrefix";
        const string Expected = "1 to 64 characters without spaces, e.g. \"dinggate-prod:\"";
        if (prefix is null)
        {
            return;
        }

        if (prefix.Length == 0)
        {
            errors.Add(Path, null, $"must not be empty: {Expected}, or leave the key out (default \"{CoordinationSettings.DefaultKeyPrefix}\")");
        }
        else if (prefix.Length > CoordinationSettings.MaxKeyPrefixLength)
        {
            errors.Add(Path, null, $"is {prefix.Length} characters long: at most {CoordinationSettings.MaxKeyPrefixLength} ({Expected})");
        }
        else if (FirstForbidden(prefix) is var at and >= 0)
        {
            errors.Add(Path, null, $"must not contain whitespace or control characters (U+{(int)prefix[at]:X4} at character {at + 1}): {Expected}");
        }
    }
}
