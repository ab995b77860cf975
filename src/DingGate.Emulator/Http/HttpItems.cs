namespace DingGate.Emulator.Http;

/// <summary>Keys of <c>HttpContext.Items</c> the emulator's pipeline shares between middleware and endpoints.</summary>
internal static class HttpItems
{
    /// <summary>Client id of the app the request was authenticated as (set by token checks), for recording and QPS.</summary>
    public const string ClientId = "dinggate.emulator.clientId";

    /// <summary>The multipart form an upload endpoint read (a <c>RecordedForm</c>), for recording.</summary>
    public const string Form = "dinggate.emulator.form";
}
