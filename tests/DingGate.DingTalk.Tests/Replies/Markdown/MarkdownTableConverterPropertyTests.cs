using CsCheck;
using DingGate.DingTalk.Replies.Markdown;

namespace DingGate.DingTalk.Tests.Replies.Markdown;

public sealed class MarkdownTableConverterPropertyTests
{
    private static readonly Gen<string> Row = Gen.OneOf<string>("a", "中文", "😀", "\\|", "-", ":--", "**b**", " ").Array[1, 4]
        .Select(cells => "| " + string.Join(" | ", cells) + " |");

    private static readonly Gen<string> TableLike = Gen.Select(Row, Gen.OneOf<string>("|---|---|", "| :-: |", "---|---", "| - | - | - |"), Row.Array[0, 4])
        .Select((header, delimiter, body) => string.Join('\n', [header, delimiter, .. body]));

    [Fact]
    public void Convert_TablesInsideFences_AreUnchanged() =>
        Gen.Select(Gen.OneOf<string>("```", "~~~~", "  ```md"), TableLike.Array[1, 3]).Sample((fence, tables) =>
        {
            var run = fence.Trim().TrimEnd('m', 'd');
            var text = $"{fence}\n{string.Join("\n\n", tables)}\n{run}\n";
            Assert.Equal(text, MarkdownTableConverter.Convert(text));
        });

    [Fact]
    public void Convert_TableLikeText_KeepsEverythingOutsideTheTable() =>
        Gen.Select(TableLike, Gen.OneOf<string>("before\n\n", "", "# T\n"), Gen.OneOf<string>("\n\nafter", "", "\n")).Sample((table, before, after) =>
        {
            var converted = MarkdownTableConverter.Convert(before + table + after);
            Assert.StartsWith(before, converted, StringComparison.Ordinal);
            Assert.EndsWith(after, converted, StringComparison.Ordinal);
        });
}
