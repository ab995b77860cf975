using System.Text;
using System.Text.Json;
using DingGate.Agent.Tools.Mcp;
using ModelContextProtocol.Protocol;

namespace DingGate.Agent.Tests.Tools.Mcp;

public sealed class McpResultTextTests
{
    [Fact]
    public void Text_blocks_are_joined_and_other_content_summarised()
    {
        var png = Convert.ToBase64String(new byte[300]);
        var result = new CallToolResult
        {
            Content =
            [
                new TextContentBlock { Text = "first" },
                new ImageContentBlock { Data = Encoding.UTF8.GetBytes(png), MimeType = "image/png" },
                new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = "file:///a.txt", Text = "embedded text" } },
                new ResourceLinkBlock { Uri = "https://example.com/report.pdf", Name = "report" },
            ],
        };

        Assert.Equal("first\n[image image/png, about 300 bytes, not shown]\nembedded text\n[link report: https://example.com/report.pdf]", McpResultText.Of(result));
    }

    [Fact]
    public void An_error_result_starts_with_Error()
    {
        var result = new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = "no such order" }] };

        Assert.Equal("Error: no such order", McpResultText.Of(result));
        Assert.Equal("Error: the tool reported an error without details", McpResultText.Of(new CallToolResult { IsError = true }));
    }

    [Fact]
    public void Structured_content_is_used_when_there_is_no_text()
    {
        using var json = JsonDocument.Parse("""{"temperature":21}""");
        var result = new CallToolResult { StructuredContent = json.RootElement.Clone() };

        Assert.Equal("""{"temperature":21}""", McpResultText.Of(result));
        Assert.Equal("(the tool returned no content)", McpResultText.Of(new CallToolResult()));
    }
}
