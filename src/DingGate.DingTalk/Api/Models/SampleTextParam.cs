using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary><c>msgParam</c> of msgKey <c>sampleText</c>.</summary>
internal sealed record SampleTextParam([property: JsonPropertyName("content")] string Content);
