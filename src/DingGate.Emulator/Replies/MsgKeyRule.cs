namespace DingGate.Emulator.Replies;

/// <summary>Required <c>msgParam</c> fields of one msgKey (with their <c>miss.param.*</c> codes) and its media references.</summary>
internal sealed record MsgKeyRule(IReadOnlyList<(string Field, string MissCode)> Required, IReadOnlyList<MediaReference> Media);
