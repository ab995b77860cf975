using System.Text.Json;
using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Api.Models;

/// <summary>Legacy envelope <c>{errcode, errmsg}</c> (spec §0.4); <c>errcode</c> is a number or a string.</summary>
internal sealed record OapiResult(
    [property: JsonPropertyName("errcode")] JsonElement ErrCode,
    [property: JsonPropertyName("errmsg")] string? ErrMsg)
{
    /// <summary>The code as text ("0" when absent).</summary>
    public string Code => ErrCode.ValueKind switch
    {
        JsonValueKind.Number => ErrCode.GetRawText(),
        JsonValueKind.String => ErrCode.GetString() ?? "0",
        _ => "0",
    };

    public bool IsSuccess => Code is "0" or "";
}
