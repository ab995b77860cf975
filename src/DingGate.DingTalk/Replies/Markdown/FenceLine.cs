namespace DingGate.DingTalk.Replies.Markdown;

/// <summary>
/// Recognises top-level code fence lines the CommonMark way: up to 3 spaces, then a run of at least 3 backticks or
/// tildes. An opening backtick fence's info string may not contain a backtick; a closing fence uses the opening
/// character, is at least as long and is followed only by spaces, tabs or a carriage return. Fences inside quotes or
/// list items are not recognised. Lines are passed without their terminating '\n'.
/// </summary>
internal static class FenceLine
{
    /// <summary>True when <paramref name="line"/> opens a fence of <paramref name="length"/> × <paramref name="fenceChar"/>.</summary>
    public static bool TryOpen(ReadOnlySpan<char> line, out char fenceChar, out int length)
    {
        fenceChar = '\0';
        length = 0;
        var run = Run(line, out var c, out var runStart);
        if (run < 3)
        {
            return false;
        }

        if (c == '`' && line[(runStart + run)..].Contains('`'))
        {
            return false;
        }

        fenceChar = c;
        length = run;
        return true;
    }

    /// <summary>True when <paramref name="line"/> closes a fence opened with <paramref name="length"/> × <paramref name="fenceChar"/>.</summary>
    public static bool Closes(ReadOnlySpan<char> line, char fenceChar, int length)
    {
        var run = Run(line, out var c, out var runStart);
        return run >= length && c == fenceChar && line[(runStart + run)..].TrimStart(" \t\r").IsEmpty;
    }

    // Length of the fence-character run after at most 3 spaces (0 when the line does not start like a fence).
    private static int Run(ReadOnlySpan<char> line, out char c, out int runStart)
    {
        c = '\0';
        var i = 0;
        while (i < line.Length && i < 4 && line[i] == ' ')
        {
            i++;
        }

        runStart = i;
        if (i > 3 || i >= line.Length || (line[i] != '`' && line[i] != '~'))
        {
            return 0;
        }

        c = line[i];
        var j = i;
        while (j < line.Length && line[j] == c)
        {
            j++;
        }

        return j - i;
    }
}
