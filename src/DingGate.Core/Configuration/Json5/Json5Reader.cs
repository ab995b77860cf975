using System.Text.Json;
using System.Text.Json.Nodes;

namespace DingGate.Core.Configuration.Json5;

/// <summary>Reads JSON5 text into a <see cref="JsonNode"/> tree. Errors are <see cref="Json5Exception"/> with line and column.</summary>
public static class Json5Reader
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="sourceName"/> (a file path) prefixes error messages.</summary>
    public static JsonNode? Parse(string text, string? sourceName = null)
    {
        // First version (plain JSON with comments and trailing commas); the full JSON5 reader replaces it.
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new Json5Exception(sourceName, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, ex.Message);
        }
    }
}
