using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary>Success body of <c>POST /v1.0/oauth2/accessToken</c>: <c>{accessToken, expireIn}</c> (seconds).</summary>
internal sealed record AccessTokenResponse(
    [property: JsonPropertyName("accessToken")] string? AccessToken,
    [property: JsonPropertyName("expireIn")] long ExpireIn)
{
    public override string ToString() => $"AccessTokenResponse {{ AccessToken = ***, ExpireIn = {ExpireIn} }}";
}
