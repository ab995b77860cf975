using System.Text;

namespace DingGate.Agent.Attachments;

// Appends text up to a character cap and remembers whether anything was cut.
internal sealed class TextCollector(int maxChars)
{
    private readonly StringBuilder _text = new();

    public bool IsFull => Truncated;

    public bool Truncated { get; private set; }

    public void Append(string text)
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
        _text.Append(text, 0, Math.Max(0, cut));
        Truncated = true;
    }

    public (string Text, bool Truncated) Result() => (_text.ToString().TrimEnd(), Truncated);
}
