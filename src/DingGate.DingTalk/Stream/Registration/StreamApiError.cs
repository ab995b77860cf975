using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Stream.Registration;

// New-style error envelope (spec §0.4); requestid spelled both ways.
internal sealed class StreamApiError
{
    public string? Code { get; set; }

    public string? Message { get; set; }

    [JsonPropertyName("requestid")]
    public string? RequestId { get; set; }
}
