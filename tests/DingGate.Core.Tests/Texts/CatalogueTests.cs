using System.Reflection;
using System.Text.RegularExpressions;
using DingGate.Core.Texts;

namespace DingGate.Core.Tests.Texts;

// The catalogue of user texts (Core/Texts): every entry has both languages with the same placeholders, and the
// command names read English names, Chinese aliases and the bare stop word.
public sealed partial class CatalogueTests
{
    public static TheoryData<string> Entries()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in All())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Catalogue_HasTheFeatureClasses() =>
        Assert.Superset(
            new HashSet<string> { "AccessTexts", "PairingTexts", "ReplyTexts", "CardTexts", "SessionTexts", "SessionCommandTexts", "JobTexts", "AgentTexts", "QuotaTexts", "DemoTexts" },
            All().Select(e => e.Name.Split('.')[0]).ToHashSet());

    [Theory]
    [MemberData(nameof(Entries))]
    public void Entry_BothLanguagesWithTheSamePlaceholders(string name)
    {
        var text = All().Single(e => e.Name == name).Text;

        Assert.False(string.IsNullOrWhiteSpace(text.ZhCn), name);
        Assert.False(string.IsNullOrWhiteSpace(text.En), name);
        Assert.Equal(Placeholders(text.ZhCn), Placeholders(text.En));
        Assert.DoesNotMatch(Han(), text.En);
    }

    [Theory]
    [InlineData("/new", "new", "")]
    [InlineData(" ／新对话 ", "new", "")]
    [InlineData("/重置", "reset", "")]
    [InlineData("停止", "stop", "")]
    [InlineData("/停止", "stop", "")]
    [InlineData("/HELP", "help", "")]
    [InlineData("/帮助", "help", "")]
    [InlineData("/我是谁", "whoami", "")]
    [InlineData("/任务 删除 k3", "jobs", "删除 k3")]
    [InlineData("/批准 ABCD2345", "approve", "ABCD2345")]
    [InlineData("/拒绝　ABCD2345", "deny", "ABCD2345")]
    [InlineData("/待批准", "pending", "")]
    [InlineData("/allow user002", "allow", "user002")]
    public void TryRead_NamesAndAliases_EnglishName(string text, string name, string rest)
    {
        Assert.True(CommandNames.TryRead(text, out var read, out var left));
        Assert.Equal((name, rest), (read, left));
    }

    [Theory]
    [InlineData("stop")]
    [InlineData("停止吧")]
    [InlineData("/")]
    [InlineData("/ new")]
    [InlineData("")]
    [InlineData(null)]
    public void TryRead_NotACommand_False(string? text) => Assert.False(CommandNames.TryRead(text, out _, out _));

    [Fact]
    public void Help_BothLocales_ListEveryCommandWithItsAliases()
    {
        foreach (var locale in new[] { BotLocale.ZhCn, BotLocale.En })
        {
            var help = SessionCommandTexts.Help(locale);
            foreach (var (name, _, _) in SessionCommandTexts.Commands.Concat(SessionCommandTexts.OwnerCommands))
            {
                Assert.Contains("`/" + name, help, StringComparison.Ordinal);
                Assert.All(CommandNames.AliasesOf(name), a => Assert.Contains("`/" + a + "`", help, StringComparison.Ordinal));
            }
        }
    }

    private static IEnumerable<(string Name, BotText Text)> All() =>
        typeof(BotText).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(BotText).Namespace && t.IsAbstract && t.IsSealed)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(BotText))
                .Select(f => (t.Name + "." + f.Name, (BotText)f.GetValue(null)!)));

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{(\d+)(?::[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
