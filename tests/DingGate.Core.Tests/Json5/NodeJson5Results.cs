using System.Text.Json;
using System.Text.Json.Nodes;
using DingGate.Core.Tests.Support;
using DingGate.Tests.Shared;

namespace DingGate.Core.Tests.Json5;

/// <summary>What the npm json5 package makes of every corpus file (tests/interop/json5-parse.mjs), run once per class.</summary>
public sealed class NodeJson5Results : IAsyncLifetime
{
    private Dictionary<string, JsonObject> _byFile = [];

    public static string CorpusDirectory => Path.Combine(RepositoryPaths.Root, "tests", "DingGate.Core.Tests", "Json5", "Corpus");

    public static IEnumerable<string> CorpusFiles =>
        Directory.GetFiles(CorpusDirectory, "*.json5").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public JsonObject For(string file) =>
        _byFile.TryGetValue(file, out var result) ? result : throw new InvalidOperationException($"node printed no result for {file}");

    public int Count => _byFile.Count;

    public async Task InitializeAsync()
    {
        var output = await NodeScript.RunAsync("json5-parse.mjs", "json5", TimeSpan.FromSeconds(60), CorpusDirectory);
        _byFile = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line, documentOptions: new JsonDocumentOptions { MaxDepth = 1024 })!.AsObject())
            .ToDictionary(o => (string)o["file"]!, StringComparer.Ordinal);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
