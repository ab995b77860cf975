using System.Text.Json.Nodes;

namespace DingGate.Agent.Tests.Support;

internal sealed record RecordedRequest(string Path, IReadOnlyDictionary<string, string> Headers, string Body, JsonNode Json);
