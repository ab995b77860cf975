using System.Text;

namespace DingGate.DingTalk.Replies.Markdown;

/// <summary>
/// Splits a long answer into messages of at most <see cref="DefaultLimit"/> characters.
/// <list type="bullet">
/// <item>Cuts at line boundaries: preferably after a blank line, after a fence closes or before one opens, else after
/// any newline; a line is only cut inside when it alone does not fit, never inside a surrogate pair.</item>
/// <item>Code fences (see <see cref="FenceLine"/>) stay balanced: a fenced block that fits in a message is moved whole
/// to the next one; a block that must be split is closed at the end of the chunk and reopened with its opening line
/// (info string included) at the start of the next. The added lines count toward the limit.</item>
/// <item>The synthetic close is the opening run on its own line: after a cut between lines the chunk ends
/// "…\n```" (the newline is the original one); after a cut inside a long line it ends "…\n``` " — the trailing space
/// (allowed on a closing fence) tells <see cref="Join"/> that the newline before it was added too. The synthetic
/// reopen is the opening line plus "\n".</item>
/// <item>A fence whose opening line is too long to be repeated (longer than limit − run length − 5) is split
/// without close/reopen, so it is not kept balanced; neither is a fence line that alone exceeds the limit. An unclosed
/// fence at the end of the answer stays unclosed in the last chunk.</item>
/// <item>Linear in the length of the text.</item>
/// </list>
/// <see cref="Join"/> removes exactly the synthetic lines, so Join(Split(x)) == x for every x.
/// </summary>
internal static class MarkdownChunker
{
    /// <summary>What a production DingTalk plugin sends per message (spec §4.1).</summary>
    public const int DefaultLimit = 3800;

    // How far a cut inside a long line may move back to avoid leaving a fence-looking piece.
    private const int MaxBackOff = 16;

    public static IReadOnlyList<string> Split(string text, int limit = DefaultLimit)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 2);
        if (text.Length <= limit)
        {
            return [text];
        }

        return new Splitter(text, limit).Run();
    }

    /// <summary>Reassembles the chunks of <see cref="Split"/> into the original text (drops the synthetic close/reopen lines).</summary>
    public static string Join(IReadOnlyList<string> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var result = new StringBuilder();
        var stripReopen = false;
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            var start = 0;
            if (stripReopen)
            {
                var newline = chunk.IndexOf('\n', StringComparison.Ordinal);
                start = newline < 0 ? 0 : newline + 1;
            }

            var end = chunk.Length;
            stripReopen = false;
            if (i < chunks.Count - 1)
            {
                var lastNewline = chunk.LastIndexOf('\n');
                if (lastNewline >= start && IsSyntheticClose(chunk.AsSpan(lastNewline + 1), out var addedNewline))
                {
                    end = addedNewline ? lastNewline : lastNewline + 1;
                    stripReopen = true;
                }
            }

            result.Append(chunk, start, end - start);
        }

        return result.ToString();
    }

    // "```", "~~~~", … optionally followed by one space (the mark of a cut inside a line).
    internal static bool IsSyntheticClose(ReadOnlySpan<char> segment, out bool addedNewline)
    {
        addedNewline = segment.Length > 0 && segment[^1] == ' ';
        var run = addedNewline ? segment[..^1] : segment;
        if (run.Length < 3 || (run[0] != '`' && run[0] != '~'))
        {
            return false;
        }

        return !run.ContainsAnyExcept(run[0]);
    }

    private sealed class Splitter
    {
        private readonly string _text;
        private readonly int _limit;
        private readonly List<int> _lineStart = [];
        private readonly List<int> _lineEnd = [];
        private readonly List<int> _fenceBefore = [];
        private readonly List<int> _openerOf = [];
        private readonly List<Fence> _fences = [];

        public Splitter(string text, int limit)
        {
            _text = text;
            _limit = limit;
            ScanLines();
        }

        private int LineCount => _lineStart.Count;

        private int Next(int line) => Math.Min(_lineEnd[line] + 1, _text.Length);

        public List<string> Run()
        {
            var chunks = new List<string>();
            var s = 0;
            var k = 0;
            var reopen = -1;
            while (true)
            {
                var prefix = reopen >= 0 ? _fences[reopen].OpenLine + "\n" : string.Empty;
                var budget = _limit - prefix.Length;
                if (_text.Length - s <= budget)
                {
                    chunks.Add(prefix + _text[s..]);
                    return chunks;
                }

                var cutLine = ChooseLineCut(s, k, budget);
                if (cutLine >= 0 && cutLine + 1 < LineCount && _openerOf[cutLine] >= 0 && _fences[_openerOf[cutLine]].Splittable)
                {
                    // Only the opening line would fit: rather cut inside the (long) line after it than send an empty block.
                    var fence = _openerOf[cutLine];
                    var from = Next(cutLine);
                    var max = s + budget - (_fences[fence].Marker.Length + 2);
                    if (max > from)
                    {
                        var c = ChooseInLineCut(from, cutLine + 1, max, fence);
                        chunks.Add(string.Concat(prefix, _text.AsSpan(s, c - s), "\n" + _fences[fence].Marker + " "));
                        s = c;
                        k = cutLine + 1;
                        reopen = fence;
                        continue;
                    }
                }

                if (cutLine >= 0)
                {
                    var e = Next(cutLine);
                    var open = _fenceBefore[cutLine + 1];
                    var split = open >= 0 && _fences[open].Splittable;
                    chunks.Add(string.Concat(prefix, _text.AsSpan(s, e - s), split ? _fences[open].Marker : string.Empty));
                    s = e;
                    k = cutLine + 1;
                    reopen = split ? open : -1;
                }
                else
                {
                    var fence = _fenceBefore[k];
                    var split = fence >= 0 && _fences[fence].Splittable;
                    var c = ChooseInLineCut(s, k, s + budget - (split ? _fences[fence].Marker.Length + 2 : 0), fence);
                    chunks.Add(string.Concat(prefix, _text.AsSpan(s, c - s), split ? "\n" + _fences[fence].Marker + " " : string.Empty));
                    s = c;
                    reopen = split ? fence : -1;
                }
            }
        }

        // The line after which to cut, or -1 when even the first line does not fit.
        private int ChooseLineCut(int s, int k, int budget)
        {
            int r3 = -1, r2 = -1, r1 = -1, r1Anywhere = -1, closed = -1, any = -1;
            var stop = k;
            for (var j = k; j < LineCount; j++, stop = j)
            {
                var e = Next(j);
                if (e >= _text.Length || e - s > budget)
                {
                    break;
                }

                var open = _fenceBefore[j + 1];
                var suffix = open >= 0 && _fences[open].Splittable ? _fences[open].Marker.Length : 0;
                if (e - s + suffix > budget)
                {
                    continue;
                }

                var inSecondHalf = 2 * (e - s) >= budget;
                any = j;
                if (open >= 0)
                {
                    // Not right after the opening line nor right before the closing one (an empty block would be sent).
                    if (_openerOf[j] < 0 && (j + 1 >= LineCount || _fenceBefore[j + 2] >= 0))
                    {
                        r1 = inSecondHalf ? j : r1;
                        r1Anywhere = j;
                    }

                    continue;
                }

                closed = j;
                r2 = inSecondHalf ? j : r2;
                var paragraphEnd = IsBlank(j) || _fenceBefore[j] >= 0 || (j + 1 < LineCount && _openerOf[j + 1] >= 0);
                r3 = inSecondHalf && paragraphEnd ? j : r3;
            }

            if (r3 >= 0)
            {
                return r3;
            }

            if (r2 >= 0)
            {
                return r2;
            }

            // A fence running past the window that fits whole in one message: cut before it opens.
            if (stop < LineCount)
            {
                var straddling = _openerOf[stop] >= 0 ? _openerOf[stop] : _fenceBefore[stop];
                if (straddling >= 0)
                {
                    var fence = _fences[straddling];
                    var opens = _lineStart[fence.OpenLineIndex];
                    if (opens > s && fence.BlockEnd - opens <= _limit)
                    {
                        return fence.OpenLineIndex - 1;
                    }
                }
            }

            if (r1 >= 0)
            {
                return r1;
            }

            var latest = Math.Max(r1Anywhere, closed);
            return latest >= 0 ? latest : any;
        }

        // A cut inside line k, whose piece in this chunk starts at pieceStart: as late as maxCut allows, not inside a
        // surrogate pair, and, if possible, leaving neither piece looking like a fence line.
        private int ChooseInLineCut(int pieceStart, int k, int maxCut, int fence)
        {
            var lineEnd = _lineEnd[k];
            var first = Math.Min(maxCut, lineEnd);
            for (var c = first; c > pieceStart && first - c <= MaxBackOff; c--)
            {
                if (SplitsPair(c))
                {
                    continue;
                }

                var piece = _text.AsSpan(pieceStart, c - pieceStart);
                var rest = _text.AsSpan(c, lineEnd - c);
                if (IsSyntheticClose(piece, out _) || LooksLikeFence(piece, fence) || StartsLikeFence(rest, fence))
                {
                    continue;
                }

                return c;
            }

            var cut = SplitsPair(first) ? first - 1 : first;
            // Whatever else, the piece must not read as a synthetic close to Join (it is then only fence characters).
            return IsSyntheticClose(_text.AsSpan(pieceStart, cut - pieceStart), out _) ? pieceStart + 2 : cut;
        }

        private bool LooksLikeFence(ReadOnlySpan<char> line, int fence) =>
            fence < 0 ? FenceLine.TryOpen(line, out _, out _) : FenceLine.Closes(line, _fences[fence].Char, _fences[fence].Marker.Length);

        // The rest of a cut line may itself be cut later, so whether it opens (or closes) a fence depends on where:
        // avoid any rest starting like a fence line at all.
        private bool StartsLikeFence(ReadOnlySpan<char> rest, int fence)
        {
            var trimmed = rest.TrimStart(' ');
            if (rest.Length - trimmed.Length > 3 || trimmed.IsEmpty)
            {
                return false;
            }

            var c = fence < 0 ? trimmed[0] : _fences[fence].Char;
            var min = fence < 0 ? 3 : _fences[fence].Marker.Length;
            if (c != '`' && c != '~')
            {
                return false;
            }

            var run = trimmed.IndexOfAnyExcept(c);
            return (run < 0 ? trimmed.Length : run) >= min;
        }

        private bool SplitsPair(int c) => c > 0 && c < _text.Length && char.IsHighSurrogate(_text[c - 1]) && char.IsLowSurrogate(_text[c]);

        private bool IsBlank(int line) => _text.AsSpan(_lineStart[line], _lineEnd[line] - _lineStart[line]).IsWhiteSpace();

        private void ScanLines()
        {
            var open = -1;
            var start = 0;
            while (true)
            {
                var newline = _text.IndexOf('\n', start);
                var end = newline < 0 ? _text.Length : newline;
                var line = _text.AsSpan(start, end - start);
                _lineStart.Add(start);
                _lineEnd.Add(end);
                _fenceBefore.Add(open);
                _openerOf.Add(-1);
                if (open < 0)
                {
                    if (FenceLine.TryOpen(line, out var fenceChar, out var length))
                    {
                        var openLine = line.ToString();
                        var marker = new string(fenceChar, length);
                        var splittable = openLine.Length + 1 + marker.Length + 2 + 2 <= _limit;
                        _fences.Add(new Fence(_lineStart.Count - 1, openLine, marker, fenceChar, _text.Length, splittable));
                        open = _fences.Count - 1;
                        _openerOf[^1] = open;
                    }
                }
                else if (FenceLine.Closes(line, _fences[open].Char, _fences[open].Marker.Length))
                {
                    _fences[open] = _fences[open] with { BlockEnd = Math.Min(end + 1, _text.Length) };
                    open = -1;
                }

                if (newline < 0)
                {
                    break;
                }

                start = newline + 1;
            }

            _fenceBefore.Add(open);
        }

        private readonly record struct Fence(int OpenLineIndex, string OpenLine, string Marker, char Char, int BlockEnd, bool Splittable);
    }
}
