using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary><c>msgParam</c> of msgKey <c>sampleMarkdown</c>.</summary>
internal sealed record SampleMarkdownParam(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("text")] string Text);
