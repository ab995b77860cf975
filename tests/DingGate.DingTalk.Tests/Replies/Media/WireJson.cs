using System.Text.Encodings.Web;
using System.Text.Json;

namespace DingGate.DingTalk.Tests.Replies.Media;

/// <summary>Serializer options that keep Chinese text readable when comparing JSON in assertions.</summary>
internal static class WireJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
