using System.Net.Http.Headers;
using System.Text.Json;
using DingGate.DingTalk.Api.Models;

namespace DingGate.DingTalk.Api;

/// <summary>Reads the two error envelopes of spec §0.4 from an answer.</summary>
internal static class ApiFailureReader
{
    /// <summary>For a non-2xx answer: <c>{code,message,requestid|requestId}</c>, whatever the host (oapi errors may use it too).</summary>
    public static ApiFailure FromErrorStatus(HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        var requestId = Header(response, "x-acs-request-id");
        var retryAfter = RetryAfter(response.Headers.RetryAfter, response.Headers.Date);
        if (TryParse(body, DingTalkJsonContext.Wire.ApiErrorBody) is { } api && api.Code is not null)
        {
            return new ApiFailure(status, api.Code, api.Message, api.RequestIdLower ?? api.RequestIdCamel ?? requestId, retryAfter);
        }

        if (TryParse(body, DingTalkJsonContext.Wire.OapiResult) is { } oapi && !oapi.IsSuccess)
        {
            return new ApiFailure(status, oapi.Code, oapi.ErrMsg, requestId, retryAfter);
        }

        return new ApiFailure(status, null, response.ReasonPhrase, requestId, retryAfter);
    }

    /// <summary>For a 2xx oapi answer: the failure when <c>errcode</c> ≠ 0, else null.</summary>
    public static ApiFailure? FromOapiBody(HttpResponseMessage response, byte[] body) =>
        TryParse(body, DingTalkJsonContext.Wire.OapiResult) is { } oapi && !oapi.IsSuccess
            ? new ApiFailure((int)response.StatusCode, oapi.Code, oapi.ErrMsg, Header(response, "x-acs-request-id"), null)
            : null;

    private static T? TryParse<T>(byte[] body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (body.Length == 0 || body[0] is not (byte)'{' and not (byte)' ' and not (byte)'\n' and not (byte)'\r' and not (byte)'\t')
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? value, DateTimeOffset? now) => value switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when now is { } n => date - n,
        _ => null,
    };
}
