using System.Text;
using System.Text.Json.Nodes;
using DingGate.Core.Configuration.Files;

namespace DingGate.Core.Configuration.Loading;

/// <summary>
/// Replaces references in every string value (never in keys): <c>${NAME}</c>, <c>${NAME:-default}</c> (default when
/// unset or empty), <c>${file:/path}</c> (the file's content without one final newline; relative paths are relative to
/// the config file; regular files of at most 64 KiB only, see <see cref="BoundedFileReader"/>) and <c>$${</c> for a literal <c>${</c>. Problems are collected as errors naming the JSON path and
/// the variable or file, never a value.
/// </summary>
internal sealed class EnvironmentSubstitution(Func<string, string?> environment, string baseDirectory, List<ConfigError> errors)
{
    private const string FilePrefix = "file:";

    public void Apply(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (Replacement(child, ConfigPath.Child(path, key)) is { } text)
                    {
                        obj[key] = text;
                    }
                    else
                    {
                        Apply(child, ConfigPath.Child(path, key));
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Replacement(array[i], ConfigPath.Item(path, i)) is { } text)
                    {
                        array[i] = text;
                    }
                    else
                    {
                        Apply(array[i], ConfigPath.Item(path, i));
                    }
                }

                break;
        }
    }

    private string? Replacement(JsonNode? node, string path)
    {
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text) || !text.Contains('$', StringComparison.Ordinal))
        {
            return null;
        }

        var result = Expand(text, path);
        return result == text ? null : result;
    }

    internal string Expand(string text, string path)
    {
        var output = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (string.CompareOrdinal(text, i, "$${", 0, 3) == 0)
            {
                output.Append("${");
                i += 3;
                continue;
            }

            if (string.CompareOrdinal(text, i, "${", 0, 2) != 0)
            {
                output.Append(text[i++]);
                continue;
            }

            var close = text.IndexOf('}', i + 2);
            if (close < 0)
            {
                errors.Add(new ConfigError(path, null, "unterminated '${' (write '$${' for a literal '${')"));
                return text;
            }

            output.Append(Resolve(text[(i + 2)..close], path));
            i = close + 1;
        }

        return output.ToString();
    }

    private string Resolve(string reference, string path)
    {
        if (reference.StartsWith(FilePrefix, StringComparison.Ordinal))
        {
            return ReadSecretFile(reference[FilePrefix.Length..], path);
        }

        var split = reference.IndexOf(":-", StringComparison.Ordinal);
        var name = split < 0 ? reference : reference[..split];
        if (!IsVariableName(name))
        {
            errors.Add(new ConfigError(path, null, $"'${{{name}}}' is not a valid reference: use ${{NAME}}, ${{NAME:-default}} or ${{file:/path}}"));
            return Unresolved(reference);
        }

        var value = environment(name);
        if (!string.IsNullOrEmpty(value))
        {
            return value;
        }

        if (split >= 0)
        {
            return reference[(split + 2)..];
        }

        errors.Add(new ConfigError(path, null, $"environment variable {name} is not set (set it, or write ${{{name}:-default}})"));
        return Unresolved(reference);
    }

    private string ReadSecretFile(string file, string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(file, baseDirectory);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            errors.Add(new ConfigError(path, null, $"cannot read secret file '{file}': not a valid path"));
            return Unresolved(FilePrefix + file);
        }

        try
        {
            var content = BoundedFileReader.ReadText(full, BoundedFileReader.MaxSecretFileBytes);
            return content.EndsWith("\r\n", StringComparison.Ordinal) ? content[..^2]
                : content.EndsWith('\n') ? content[..^1] : content;
        }
        catch (FileRefusedException ex)
        {
            errors.Add(new ConfigError(path, null, $"cannot read secret file {full}: {ex.Message} (${{file:…}} reads regular files of at most {BoundedFileReader.MaxSecretFileBytes / 1024} KiB)"));
            return Unresolved(FilePrefix + file);
        }
    }

    // A failed reference stays as written, so later checks (e.g. "clientSecret is required") do not pile up on it.
    private static string Unresolved(string reference) => "${" + reference + "}";

    private static bool IsVariableName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
