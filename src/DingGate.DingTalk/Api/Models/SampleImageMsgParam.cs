using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary><c>msgParam</c> of msgKey <c>sampleImageMsg</c>: a picture URL or an uploaded media id.</summary>
internal sealed record SampleImageMsgParam(
    [property: JsonPropertyName("photoURL")] string PhotoUrl);
