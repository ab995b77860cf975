using System.Collections.Frozen;

namespace DingGate.Emulator.Replies;

/// <summary>
/// The robot OpenAPI message templates (spec §4.4): for each <c>msgKey</c> the required <c>msgParam</c> fields with the
/// <c>miss.param.*</c> code reported when one is missing, and the fields that reference uploaded media. The codes for
/// text, markdown text, image and file/audio/video are documented; the others follow the same pattern (GUESS).
/// </summary>
internal static class MsgKeyCatalog
{
    public static readonly FrozenDictionary<string, MsgKeyRule> Rules = Build().ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Formats of the media a <c>sampleAudio</c> may name (KB 0699-robot-message-type: "支持ogg、amr格式").</summary>
    public static readonly FrozenSet<string> AudioFormats = FrozenSet.ToFrozenSet(["ogg", "amr"], StringComparer.Ordinal);

    /// <summary>The <c>fileType</c>s of <c>sampleFile</c> (KB 0699-robot-message-type: "支持xlsx、pdf、zip、rar、doc、docx格式").</summary>
    public static readonly FrozenSet<string> FileTypes = FrozenSet.ToFrozenSet(["xlsx", "pdf", "zip", "rar", "doc", "docx"], StringComparer.Ordinal);

    private static Dictionary<string, MsgKeyRule> Build()
    {
        var rules = new Dictionary<string, MsgKeyRule>(StringComparer.Ordinal)
        {
            ["sampleText"] = new([("content", "miss.param.contentOfText")], []),
            ["sampleMarkdown"] = new([("title", "miss.param.markdownTotitle"), ("text", "miss.param.markdownTotext")], []),
            ["sampleImageMsg"] = new([("photoURL", "miss.param.photoTophotoUrl")], [new("photoURL", OnlyWhenMediaId: true)]),
            ["sampleLink"] = new(Fields("link", "title", "text", "messageUrl"), [new("picUrl", OnlyWhenMediaId: true)]),
            ["sampleActionCard"] = new(Fields("actionCard", "title", "text", "singleTitle", "singleURL"), []),
            ["sampleActionCard6"] = new(Fields("actionCard", "title", "text", "buttonTitle1", "buttonUrl1", "buttonTitle2", "buttonUrl2"), []),
            ["sampleAudio"] = new([("mediaId", "miss.param.audio"), ("duration", "miss.param.audio")], [new("mediaId", OnlyWhenMediaId: false)]),
            ["sampleFile"] = new(
                [("mediaId", "miss.param.file"), ("fileName", "miss.param.file"), ("fileType", "miss.param.file")], [new("mediaId", OnlyWhenMediaId: false)]),
            ["sampleVideo"] = new(
                [("videoMediaId", "miss.param.video"), ("duration", "miss.param.video"), ("videoType", "miss.param.video")],
                [new("videoMediaId", OnlyWhenMediaId: false), new("picMediaId", OnlyWhenMediaId: false)]),
        };
        for (var buttons = 2; buttons <= 5; buttons++)
        {
            var names = new List<string> { "title", "text" };
            for (var i = 1; i <= buttons; i++)
            {
                names.Add("actionTitle" + i);
                names.Add("actionURL" + i);
            }

            rules["sampleActionCard" + buttons] = new(Fields("actionCard", [.. names]), []);
        }

        return rules;
    }

    private static List<(string, string)> Fields(string prefix, params string[] names) =>
        names.Select(n => (n, $"miss.param.{prefix}To{n}")).ToList();
}
