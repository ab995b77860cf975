using System.Text.Json.Nodes;

namespace DingGate.Core.Configuration.Loading;

/// <summary>Binds <c>attachments</c> (limits on reading attached files).</summary>
internal static class AttachmentsBinder
{
    private static readonly string[] Keys = ["maxFileBytes", "maxCharsPerFile", "maxTotalChars", "maxDecompressedBytes", "maxParts", "maxPages", "timeoutMs"];

    public static AttachmentSettings Bind(JsonNode? node, string path, ConfigReader r)
    {
        var settings = new AttachmentSettings();
        foreach (var (key, value) in r.Object(node, path) ?? [])
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "maxFileBytes": settings.MaxFileBytes = r.Long(value, at); break;
                case "maxCharsPerFile": settings.MaxCharsPerFile = r.Int(value, at); break;
                case "maxTotalChars": settings.MaxTotalChars = r.Int(value, at); break;
                case "maxDecompressedBytes": settings.MaxDecompressedBytes = r.Long(value, at); break;
                case "maxParts": settings.MaxParts = r.Int(value, at); break;
                case "maxPages": settings.MaxPages = r.Int(value, at); break;
                case "timeoutMs": settings.TimeoutMs = r.Int(value, at); break;
                default: r.Unknown(at, key, Keys); break;
            }
        }

        return settings;
    }
}
