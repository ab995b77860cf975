using System.Text.Json.Nodes;

namespace DingGate.Cli.Tests.Support;

/// <summary>One DingTalk call as the emulator recorded it (<c>/_emulator/traffic/http</c>).</summary>
internal sealed record RecordedCall(long Sequence, string Method, string Path, string RequestBody, int Status)
{
    public JsonNode Body => JsonNode.Parse(RequestBody)!;
}
