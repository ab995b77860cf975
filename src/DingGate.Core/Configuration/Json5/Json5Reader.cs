using System.Text.Json.Nodes;

namespace DingGate.Core.Configuration.Json5;

/// <summary>
/// Reads JSON5 1.0.0 text (https://spec.json5.org) into a <see cref="JsonNode"/> tree; behaves like the npm
/// <c>json5</c> package (2.2.3), which the tests compare it with. Objects keep key order, a duplicate key replaces the
/// earlier value in its place (last wins). Integers (decimal or hex) that fit are <see cref="long"/> values, every other
/// number a <see cref="double"/>; <c>-0</c>, <c>Infinity</c>, <c>-Infinity</c> and <c>NaN</c> are doubles too.
/// Serializing a tree holding a non-finite double needs
/// <see cref="System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals"/> (written as the
/// strings "Infinity", "-Infinity", "NaN"); without it System.Text.Json throws. Containers nest at most
/// <see cref="MaxDepth"/> levels. Time is linear in the input length.
/// </summary>
public static class Json5Reader
{
    /// <summary>The deepest nesting of objects and arrays accepted.</summary>
    public const int MaxDepth = 256;

    /// <summary>Parses <paramref name="text"/>; <paramref name="sourceName"/> (a file path) prefixes error messages.</summary>
    /// <returns>The value; <see langword="null"/> for the JSON5 text <c>null</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="Json5Exception">The text is not JSON5 (or nests too deeply): line, column and reason.</exception>
    public static JsonNode? Parse(string text, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Json5Parser(text, sourceName).Parse();
    }

    /// <summary>
    /// Parses <paramref name="text"/> as <see cref="Parse(string, string?)"/> does (the last of duplicate keys wins) and
    /// adds every key written more than once in the same object to <paramref name="duplicates"/>, with its path and lines.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="duplicates"/> is null.</exception>
    /// <exception cref="Json5Exception">The text is not JSON5 (or nests too deeply): line, column and reason.</exception>
    public static JsonNode? Parse(string text, string? sourceName, ICollection<Json5DuplicateKey> duplicates)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(duplicates);
        return new Json5Parser(text, sourceName, duplicates).Parse();
    }
}
