using System.Text;
using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace DingGate.Agent.Tools.Mcp;

/// <summary>
/// An MCP tool result as the text the model gets: text blocks as they are, embedded text resources by their text,
/// other blocks summarised (an image, audio, a blob or a link by type, size and address), the structured content as
/// JSON when there is no text; a result flagged as an error starts with <c>Error:</c>.
/// </summary>
internal static class McpResultText
{
    public static string Of(CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        foreach (var block in result.Content)
        {
            var part = block switch
            {
                TextContentBlock t => t.Text,
                ImageContentBlock i => $"[image {i.MimeType}, about {Base64Bytes(i.Data.Length)} bytes, not shown]",
                AudioContentBlock a => $"[audio {a.MimeType}, about {Base64Bytes(a.Data.Length)} bytes, not shown]",
                EmbeddedResourceBlock { Resource: TextResourceContents r } => r.Text,
                EmbeddedResourceBlock { Resource: BlobResourceContents b } => $"[resource {b.Uri} ({b.MimeType ?? "binary"}), about {Base64Bytes(b.Blob.Length)} bytes, not shown]",
                ResourceLinkBlock l => $"[link {l.Name}: {l.Uri}]",
                _ => $"[{block.Type} content, not shown]",
            };
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(part);
        }

        if (text.Length == 0 && result.StructuredContent is { } structured)
        {
            text.Append(structured.ValueKind is JsonValueKind.Undefined ? string.Empty : structured.GetRawText());
        }

        if (result.IsError == true)
        {
            return "Error: " + (text.Length > 0 ? text.ToString() : "the tool reported an error without details");
        }

        return text.Length > 0 ? text.ToString() : "(the tool returned no content)";
    }

    private static long Base64Bytes(int base64Chars) => base64Chars / 4L * 3;
}
