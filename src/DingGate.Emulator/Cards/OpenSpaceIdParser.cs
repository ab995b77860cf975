namespace DingGate.Emulator.Cards;

/// <summary>
/// Parses <c>dtv1.card//TYPE.id[;TYPE.id]</c> (spec §6.1). Prefix and space types are case-insensitive (official
/// examples use <c>im_group</c>); each element may repeat the prefix. Returns null when malformed.
/// </summary>
internal static class OpenSpaceIdParser
{
    private const string Prefix = "dtv1.card//";
    private static readonly string[] KnownTypes = [OpenSpace.ImGroup, OpenSpace.ImRobot, OpenSpace.ImSingle, OpenSpace.OneBox];

    public static IReadOnlyList<OpenSpace>? Parse(string openSpaceId)
    {
        if (!openSpaceId.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var spaces = new List<OpenSpace>();
        foreach (var raw in openSpaceId[Prefix.Length..].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var part = raw.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? raw[Prefix.Length..] : raw;
            var dot = part.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || dot == part.Length - 1)
            {
                return null;
            }

            var type = part[..dot].ToUpperInvariant();
            if (!KnownTypes.Contains(type, StringComparer.Ordinal))
            {
                return null;
            }

            spaces.Add(new OpenSpace(type, part[(dot + 1)..]));
        }

        return spaces.Count == 0 ? null : spaces;
    }
}
