namespace DingGate.Emulator.Replies;

/// <summary>A msgParam field naming uploaded media; <paramref name="OnlyWhenMediaId"/>: only values starting with '@' (else a URL).</summary>
internal sealed record MediaReference(string Field, bool OnlyWhenMediaId);
