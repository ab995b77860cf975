using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary><c>msgParam</c> of msgKey <c>sampleAudio</c>; <c>duration</c> is in milliseconds, as a string.</summary>
internal sealed record SampleAudioParam(
    [property: JsonPropertyName("mediaId")] string MediaId,
    [property: JsonPropertyName("duration")] string Duration);
