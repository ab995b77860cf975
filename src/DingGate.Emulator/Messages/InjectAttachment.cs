namespace DingGate.Emulator.Messages;

/// <summary>A file supplied with an inject request (<c>file: {name, contentBase64, contentType}</c>); any part may be absent.</summary>
internal sealed record InjectAttachment(string? Name, byte[]? Bytes, string? ContentType);
