using System.Text.Json.Nodes;
using DingGate.Core.Configuration.Json5;

namespace DingGate.Cli.Config;

/// <summary>
/// The configuration file as a JSON tree, for <c>config get|set|unset</c> and <c>channels add|remove</c>: values as
/// written (references like <c>${ENV}</c> unresolved), addressed by dotted paths (<c>channels.dingtalk.clientId</c>).
/// Saving rewrites the file as JSON5 without its comments (the previous file stays as <c>.bak</c>).
/// </summary>
internal sealed class ConfigDocument(string path, JsonObject root)
{
    public string Path { get; } = path;

    public JsonObject Root { get; } = root;

    /// <summary>
    /// Reads <paramref name="path"/>; a missing file is an empty document. Malformed JSON5 throws <see cref="Json5Exception"/>;
    /// with <paramref name="refuseDuplicates"/>, so does a key written twice in one object (rewriting the file would
    /// silently drop one of them).
    /// </summary>
    public static ConfigDocument Load(string path, bool refuseDuplicates = false)
    {
        if (!File.Exists(path))
        {
            return new ConfigDocument(path, []);
        }

        var text = Core.Configuration.Files.BoundedFileReader.ReadText(path, Core.Configuration.Files.BoundedFileReader.MaxConfigFileBytes);
        var duplicates = new List<Json5DuplicateKey>();
        var root = Json5Reader.Parse(text, path, duplicates);
        if (refuseDuplicates && duplicates.Count > 0)
        {
            var d = duplicates[0];
            throw new FormatException(
                $"{path}: {d.Path}: duplicate key at lines {d.FirstLine} and {d.Line}; remove one of them first (rewriting the file would keep only the last)");
        }

        return root is JsonObject obj
            ? new ConfigDocument(path, obj)
            : throw new FormatException($"{path}: the top level must be an object {{ … }}");
    }

    public static string[] Split(string dotted) => dotted.Split('.', StringSplitOptions.TrimEntries);

    public JsonNode? Get(string dotted)
    {
        JsonNode? node = Root;
        foreach (var key in Split(dotted))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(key, out var child) ? child : null;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Sets the value, creating the objects on the way; a non-object in the way throws <see cref="InvalidOperationException"/>.</summary>
    public void Set(string dotted, JsonNode? value)
    {
        var keys = Split(dotted);
        var parent = Root;
        foreach (var key in keys[..^1])
        {
            if (!parent.TryGetPropertyValue(key, out var child) || child is null)
            {
                child = new JsonObject();
                parent[key] = child;
            }

            parent = child as JsonObject ?? throw new InvalidOperationException($"{dotted}: '{key}' holds a {child.GetValueKind()}, not an object");
        }

        parent[keys[^1]] = value;
    }

    /// <summary>Removes the value; false when it was not there.</summary>
    public bool Remove(string dotted)
    {
        var keys = Split(dotted);
        var parent = keys.Length == 1 ? Root : Get(string.Join('.', keys[..^1])) as JsonObject;
        return parent is not null && parent.Remove(keys[^1]);
    }

    public string ToJson5() => Core.Configuration.Loading.Json5Writer.Write(Root);
}
