namespace DingGate.DingTalk.Api;

/// <summary>Whether a call carries the account's access token.</summary>
internal enum ApiAuth
{
    /// <summary>No token (token endpoint, session webhooks, signed download URLs).</summary>
    None,

    /// <summary>The cached access token (header on api, query on oapi).</summary>
    Token,
}
