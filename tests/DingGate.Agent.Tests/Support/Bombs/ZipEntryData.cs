namespace DingGate.Agent.Tests.Support.Bombs;

/// <summary>One entry of a hand-written zip: its name, its data as stored (raw deflate or plain), and what it claims.</summary>
internal sealed record ZipEntryData(string Name, byte[] Data, bool Deflated, uint Crc, long InflatedLength)
{
    public static ZipEntryData Stored(string name, byte[] data) => new(name, data, false, Crc32.Compute(data), data.Length);

    public static ZipEntryData Text(string name, string text) => Stored(name, System.Text.Encoding.UTF8.GetBytes(text));

    // A bomb's CRC is never checked: reading stops at a limit long before the end.
    public static ZipEntryData Bomb(string name, byte[] deflate, long inflatedLength) => new(name, deflate, true, 0, inflatedLength);
}
