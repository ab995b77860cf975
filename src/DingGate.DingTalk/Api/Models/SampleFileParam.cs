using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary><c>msgParam</c> of msgKey <c>sampleFile</c>; <c>fileType</c> is the extension without the dot.</summary>
internal sealed record SampleFileParam(
    [property: JsonPropertyName("mediaId")] string MediaId,
    [property: JsonPropertyName("fileName")] string FileName,
    [property: JsonPropertyName("fileType")] string FileType);
