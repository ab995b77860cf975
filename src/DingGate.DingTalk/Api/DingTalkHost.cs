namespace DingGate.DingTalk.Api;

/// <summary>Which DingTalk API family a call goes to (spec §0.3): they differ in token placement and error envelope.</summary>
internal enum DingTalkHost
{
    /// <summary>New-style <c>api.dingtalk.com</c>: token header, <c>{code,message,requestid}</c> errors on non-2xx.</summary>
    Api,

    /// <summary>Legacy <c>oapi.dingtalk.com</c>: token in the query, <c>{errcode,errmsg}</c> in 200 bodies.</summary>
    Oapi,
}
