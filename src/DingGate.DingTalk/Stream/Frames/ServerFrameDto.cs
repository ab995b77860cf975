using System.Text.Json;

namespace DingGate.DingTalk.Stream.Frames;

// Wire shape of a downstream frame. Headers and data are read as raw elements so that a number where a string was
// expected (or an object data) is tolerated instead of failing the whole frame.
internal sealed class ServerFrameDto
{
    public string? SpecVersion { get; set; }

    public string? Type { get; set; }

    public Dictionary<string, JsonElement>? Headers { get; set; }

    public JsonElement? Data { get; set; }
}
