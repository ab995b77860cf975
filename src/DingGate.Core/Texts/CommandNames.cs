using System.Collections.Frozen;

namespace DingGate.Core.Texts;

/// <summary>
/// The chat commands' names: each keeps its English name and has common Chinese aliases, both accepted in every
/// locale. A command is the whole message: an ASCII or full-width slash (Chinese keyboards type "／") and the name,
/// any case; the bare stop words (<see cref="BareStopWords"/>) need no slash. <c>/help</c> lists the aliases from here.
/// </summary>
public static class CommandNames
{
    /// <summary>Start a new session (clear the history).</summary>
    public const string New = "new";

    /// <summary>Same as <see cref="New"/>.</summary>
    public const string Reset = "reset";

    /// <summary>Stop the answer being written.</summary>
    public const string Stop = "stop";

    /// <summary>The session's state.</summary>
    public const string Status = "status";

    /// <summary>The command list.</summary>
    public const string Help = "help";

    /// <summary>The sender's ids.</summary>
    public const string WhoAmI = "whoami";

    /// <summary>The sender's scheduled jobs.</summary>
    public const string Jobs = "jobs";

    /// <summary>Owners: approve a pairing code.</summary>
    public const string Approve = "approve";

    /// <summary>Owners: deny a pairing code.</summary>
    public const string Deny = "deny";

    /// <summary>Owners: allow a staff id.</summary>
    public const string Allow = "allow";

    /// <summary>Owners: revoke a staff id.</summary>
    public const string Revoke = "revoke";

    /// <summary>Owners: the pairing requests waiting.</summary>
    public const string Pending = "pending";

    /// <summary>Owners: the gateway's state.</summary>
    public const string Gateway = "gateway";

    /// <summary>Every alias with the English name it stands for.</summary>
    public static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["新对话"] = New,
        ["重置"] = Reset,
        ["停止"] = Stop,
        ["状态"] = Status,
        ["帮助"] = Help,
        ["我是谁"] = WhoAmI,
        ["任务"] = Jobs,
        ["定时任务"] = Jobs,
        ["批准"] = Approve,
        ["拒绝"] = Deny,
        ["待批准"] = Pending,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Messages that stop the running answer without a slash (the whole message, trimmed, any case).</summary>
    public static readonly IReadOnlyList<string> BareStopWords = ["停止"];

    /// <summary>The English name of <paramref name="word"/> (a name or an alias, without the slash): the name itself when it is no alias.</summary>
    public static string Canonical(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return Aliases.TryGetValue(word, out var name) ? name : word.ToLowerInvariant();
    }

    /// <summary>The aliases of <paramref name="name"/> in table order (the slash not included).</summary>
    public static IReadOnlyList<string> AliasesOf(string name) =>
        [.. AliasOrder.Where(a => string.Equals(Aliases[a], name, StringComparison.OrdinalIgnoreCase))];

    /// <summary>
    /// Reads a command message: the word after the slash, as its English name, and the rest (trimmed, empty without);
    /// false when <paramref name="text"/> does not start with a slash and a word. A bare stop word reads as <see cref="Stop"/>.
    /// </summary>
    public static bool TryRead(string? text, out string name, out string rest)
    {
        name = string.Empty;
        rest = string.Empty;
        var trimmed = (text ?? string.Empty).Trim();
        if (BareStopWords.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
        {
            name = Stop;
            return true;
        }

        if (trimmed.Length < 2 || trimmed[0] is not ('/' or '／'))
        {
            return false;
        }

        var body = trimmed[1..];
        var end = body.AsSpan().IndexOfAny(" \t\r\n\u3000");
        var word = end < 0 ? body : body[..end];
        if (word.Length == 0)
        {
            return false;
        }

        name = Canonical(word);
        rest = end < 0 ? string.Empty : body[end..].Trim();
        return true;
    }

    // The order the aliases are listed in (a FrozenDictionary has none).
    private static readonly string[] AliasOrder = ["新对话", "重置", "停止", "状态", "帮助", "我是谁", "任务", "定时任务", "批准", "拒绝", "待批准"];
}
