using System.Text;
using System.Text.Json.Nodes;
using DingGate.Core.Configuration.Json5;

namespace DingGate.Core.Tests.Json5;

/// <summary>
/// Json5Reader against the npm json5 package (2.2.3, tests/interop) on the shared corpus: both accept a file with
/// equal values, or both reject it at the same line and column with the same reason. Fails (never skips) when node or
/// the package is missing.
/// </summary>
public sealed class Json5DifferentialTests(NodeJson5Results node) : IClassFixture<NodeJson5Results>
{
    public static TheoryData<string> Files => [.. NodeJson5Results.CorpusFiles];

    [Fact]
    public void Corpus_HasAtLeastSixtyFilesAllSeenByNode()
    {
        var files = NodeJson5Results.CorpusFiles.ToList();

        Assert.True(files.Count >= 60, $"corpus has {files.Count} files");
        Assert.Equal(files.Count, node.Count);
        Assert.Contains(files, f => f.StartsWith("valid-", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("invalid-", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_CorpusFile_AgreesWithNpmJson5(string file)
    {
        // Bytes decoded without dropping a BOM, as the node script does.
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(NodeJson5Results.CorpusDirectory, file)));
        var expected = node.For(file);

        JsonNode? actual = null;
        Json5Exception? error = null;
        try
        {
            actual = Json5Reader.Parse(text, file);
        }
        catch (Json5Exception ex)
        {
            error = ex;
        }

        if ((bool)expected["ok"]!)
        {
            Assert.True(error is null, $"npm json5 accepts {file}, Json5Reader says: {error?.Message}");
            var differences = new List<string>();
            Json5Canonical.Compare(expected["value"], actual, "$", differences);
            Assert.True(differences.Count == 0, $"{file}:\n" + string.Join('\n', differences.Take(20)));
        }
        else
        {
            Assert.True(error is not null, $"npm json5 rejects {file} ({expected["message"]}), Json5Reader accepts it");
            Assert.Equal((string)expected["message"]!, $"JSON5: {error.Reason} at {error.Line}:{error.Column}");
            Assert.Equal((int)expected["line"]!, error.Line);
            Assert.Equal((int)expected["column"]!, error.Column);
        }

        // Every corpus file says which side it is on.
        Assert.Equal(file.StartsWith("valid-", StringComparison.Ordinal), (bool)expected["ok"]!);
    }
}
