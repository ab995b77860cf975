using System.Text;

namespace DingGate.Agent.Tools.Builtin;

// The OpenClaw convention in streamed text: a line "MEDIA: <path or url>" asks for that file to be attached. Push
// takes each delta and returns the text the user may see now plus the MEDIA references completed by it; only a
// partial line that could still turn into "MEDIA:" is held back (at most one line). Lines inside ``` fences are text.
// Flush ends the stream (a last line without a newline counts too).
internal sealed class MediaLineFilter
{
    public const string Marker = "MEDIA:";

    private readonly StringBuilder _held = new();
    private readonly StringBuilder _lineHead = new();
    private bool _midLine;
    private bool _inFence;

    public (string Visible, IReadOnlyList<string> Media) Push(string delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var visible = new StringBuilder();
        var media = new List<string>();
        var start = 0;
        while (start < delta.Length)
        {
            var newline = delta.IndexOf('\n', start);
            var piece = newline < 0 ? delta[start..] : delta[start..(newline + 1)];
            start += piece.Length;
            if (_midLine)
            {
                visible.Append(piece);
                Track(piece);
                continue;
            }

            _held.Append(piece);
            var line = _held.ToString();
            if (newline >= 0)
            {
                _held.Clear();
                if (!_inFence && Reference(line) is { } reference)
                {
                    media.Add(reference);
                }
                else
                {
                    visible.Append(line);
                    Track(line);
                }
            }
            else if (_inFence || !CouldBeMarker(line))
            {
                _held.Clear();
                visible.Append(line);
                Track(line);
            }
        }

        return (visible.ToString(), media);
    }

    public (string Visible, IReadOnlyList<string> Media) Flush()
    {
        var line = _held.ToString();
        _held.Clear();
        if (!_inFence && Reference(line) is { } reference)
        {
            return (string.Empty, [reference]);
        }

        return (line, []);
    }

    // "MEDIA: x" (leading spaces allowed; the reference may be in backticks, quotes or angle brackets) → x.
    public static string? Reference(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.TrimStart();
        if (!text.StartsWith(Marker, StringComparison.Ordinal))
        {
            return null;
        }

        var reference = text[Marker.Length..].Trim().Trim('`', '"', '\'').Trim();
        if (reference.StartsWith('<') && reference.EndsWith('>'))
        {
            reference = reference[1..^1].Trim();
        }

        return reference.Length == 0 || reference.Contains(' ', StringComparison.Ordinal) && !LooksLikePath(reference) ? null : reference;
    }

    // A held partial line may still become a MEDIA line: its start (after spaces) is a prefix of the marker or has it.
    private static bool CouldBeMarker(string partial)
    {
        var text = partial.TrimStart();
        return text.Length == 0
            || (text.Length <= Marker.Length ? Marker.StartsWith(text, StringComparison.Ordinal) : text.StartsWith(Marker, StringComparison.Ordinal));
    }

    // A reference with spaces is taken only when it still reads as one path or URL (no sentence after it).
    private static bool LooksLikePath(string reference) =>
        reference.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || reference.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? false
            : reference.Contains('/', StringComparison.Ordinal) || reference.Contains('.', StringComparison.Ordinal);

    // Follows line starts (for ``` fences) and whether the current line has begun being shown.
    private void Track(string shown)
    {
        foreach (var c in shown)
        {
            if (c == '\n')
            {
                if (_lineHead.ToString().TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    _inFence = !_inFence;
                }

                _lineHead.Clear();
                _midLine = false;
            }
            else
            {
                if (_lineHead.Length < 16)
                {
                    _lineHead.Append(c);
                }

                _midLine = true;
            }
        }
    }
}
