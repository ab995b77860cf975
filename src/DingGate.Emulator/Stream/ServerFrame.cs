using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DingGate.Emulator.Http;

namespace DingGate.Emulator.Stream;

/// <summary>
/// Builds downstream frames exactly as spec §1.4: <c>{"specVersion":"1.0","type","headers":{string values},"data":"&lt;json&gt;"}</c>
/// with <c>topic</c>, <c>messageId</c>, <c>contentType</c> and <c>time</c> (epoch ms) first.
/// </summary>
internal static class ServerFrame
{
    public const string System = "SYSTEM";
    public const string Event = "EVENT";
    public const string Callback = "CALLBACK";

    public static string Build(
        string type, string topic, string? messageId, DateTimeOffset time, string data, IEnumerable<KeyValuePair<string, string>>? extraHeaders, int maxBytes)
    {
        var headers = new JsonObject { ["topic"] = topic };
        if (messageId is not null)
        {
            headers["messageId"] = messageId;
        }

        headers["contentType"] = "application/json";
        headers["time"] = time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in extraHeaders ?? [])
        {
            headers[name] = value;
        }

        var frame = new JsonObject { ["specVersion"] = "1.0", ["type"] = type, ["headers"] = headers, ["data"] = data };
        var text = frame.ToJsonString(EmulatorJson.Options);
        var size = Encoding.UTF8.GetByteCount(text);
        if (maxBytes > 0 && size > maxBytes)
        {
            throw new InvalidOperationException($"Frame of {size} bytes exceeds MaxFrameBytes ({maxBytes}).");
        }

        return text;
    }

    public static string Ping(string messageId, DateTimeOffset time, string opaque) =>
        Build(System, "ping", messageId, time, new JsonObject { ["opaque"] = opaque }.ToJsonString(EmulatorJson.Options), null, 0);

    /// <summary>SYSTEM disconnect; <paramref name="messageId"/> null leaves the header out.</summary>
    public static string Disconnect(string? messageId, DateTimeOffset time, string reason) =>
        Build(System, "disconnect", messageId, time, new JsonObject { ["reason"] = reason }.ToJsonString(EmulatorJson.Options), null, 0);
}
