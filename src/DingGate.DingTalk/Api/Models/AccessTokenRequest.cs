using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary>Body of <c>POST /v1.0/oauth2/accessToken</c> (spec §3.1).</summary>
internal sealed record AccessTokenRequest(
    [property: JsonPropertyName("appKey")] string AppKey,
    [property: JsonPropertyName("appSecret")] string AppSecret)
{
    // The record's generated ToString would print the secret.
    public override string ToString() => $"AccessTokenRequest {{ AppKey = {AppKey}, AppSecret = *** }}";
}
