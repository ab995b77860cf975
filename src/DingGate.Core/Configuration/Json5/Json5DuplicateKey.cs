namespace DingGate.Core.Configuration.Json5;

/// <summary>A key written twice in the same object (JSON5 keeps the last value, in the place of the first).</summary>
/// <param name="Path">JSON path of the key as users read it: dots between keys, <c>[n]</c> for array items (e.g. <c>channels.dingtalk.dmPolicy</c>).</param>
/// <param name="FirstLine">1-based line of the first occurrence.</param>
/// <param name="Line">1-based line of this later occurrence (the value JSON5 keeps when it is the last).</param>
public sealed record Json5DuplicateKey(string Path, int FirstLine, int Line);
