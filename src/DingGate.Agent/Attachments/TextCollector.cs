using System.Text;

namespace DingGate.Agent.Attachments;

// Appends text up to a character cap and remembers whether anything was cut.
internal sealed class TextCollector(int maxChars)
{
    private readonly StringBuilder _text = new();

    public bool IsFull => Truncated;

    public bool Truncated { get; private set; }

    public int Length => _text.Length;

    /// <summary>True when the text so far ends with an empty line ("\n\n"), or is still empty.</summary>
    public bool EndsWithBlankLine => _text.Length == 0 || (_text.Length >= 2 && _text[^1] == '\n' && _text[^2] == '\n');

    public void Append(string text) => Append(text.AsSpan());

    public void Append(ReadOnlySpan<char> text)
    {
        if (Truncated)
        {
            return;
        }

        var room = maxChars - _text.Length;
        if (text.Length <= room)
        {
            _text.Append(text);
            return;
        }

        // Don't split a surrogate pair at the cut.
        var cut = room > 0 && char.IsHighSurrogate(text[room - 1]) ? room - 1 : room;
        _text.Append(text[..Math.Max(0, cut)]);
        Truncated = true;
    }

    /// <summary>Marks the text as cut (a limit other than the character cap stopped reading early).</summary>
    public void MarkTruncated() => Truncated = true;

    public (string Text, bool Truncated) Result() => (_text.ToString().TrimEnd(), Truncated);
}
