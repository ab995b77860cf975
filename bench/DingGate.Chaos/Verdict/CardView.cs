namespace DingGate.Chaos.Verdict;

/// <summary>An AI card as the emulator holds it: <see cref="FinalText"/> is what the user sees now, <see cref="AllText"/> every update.</summary>
internal sealed record CardView(string OutTrackId, string? ConversationId, string State, bool Spinning, string FinalText, string AllText);
