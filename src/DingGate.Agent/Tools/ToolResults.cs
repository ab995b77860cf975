using System.Text.Json;
using Microsoft.Extensions.AI;

namespace DingGate.Agent.Tools;

/// <summary>
/// Tool results as the model reads them: text, capped at <see cref="ToolLimits.ResultMaxChars"/>; errors that say what
/// happened without a stack trace or a secret.
/// </summary>
internal static class ToolResults
{
    /// <summary>Most characters of an exception's message quoted in an error result.</summary>
    public const int MaxErrorChars = 300;

    /// <summary><paramref name="value"/> as text (strings as they are, anything else as JSON), capped at <paramref name="maxChars"/>.</summary>
    public static string Text(object? value, int maxChars)
    {
        var text = value switch
        {
            null => string.Empty,
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? string.Empty,
            _ => JsonSerializer.Serialize(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType())),
        };
        return Cap(text, maxChars);
    }

    /// <summary><paramref name="text"/> cut to <paramref name="maxChars"/> characters with a note saying how much was left out.</summary>
    public static string Cap(string text, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxChars)
        {
            return text;
        }

        var note = $"\n[truncated: {text.Length - maxChars} more characters not shown]";
        var keep = Math.Max(0, maxChars - note.Length);
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return text[..keep] + note;
    }

    /// <summary>The result of a call that ran out of time.</summary>
    public static string TimedOut(string name, TimeSpan timeout) =>
        $"Error: the tool '{name}' timed out after {timeout.TotalSeconds:0.###} s and was cancelled. Its result is unknown.";

    /// <summary>The result of a call that threw: the exception's type and the first line of its message, redacted and short.</summary>
    public static string Failed(string name, Exception exception, Func<string?, string?> redact)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(redact);
        var message = (exception.Message ?? string.Empty).Split('\n', 2)[0].Trim();
        message = redact(message) ?? string.Empty;
        if (message.Length > MaxErrorChars)
        {
            message = message[..MaxErrorChars] + "…";
        }

        var kind = exception.GetType().Name;
        return message.Length == 0
            ? $"Error: the tool '{name}' failed ({kind})."
            : $"Error: the tool '{name}' failed ({kind}): {message}";
    }
}
