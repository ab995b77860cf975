using System.Text.Json.Nodes;

namespace DingGate.Emulator.Control;

/// <summary>One run-time settable switch of a <typeparamref name="TTarget"/>: name, expected type, reader, validator, writer.</summary>
internal sealed record Setting<TTarget>(
    string Name, string Expected, Func<TTarget, JsonNode?> Read, Func<JsonNode?, bool> IsValid, Action<TTarget, JsonNode?> Write)
{
    public static Setting<TTarget> Boolean(string name, Func<TTarget, bool> get, Action<TTarget, bool> set) =>
        new(name, "true or false", t => get(t), v => v is JsonValue j && j.TryGetValue<bool>(out _), (t, v) => set(t, v!.GetValue<bool>()));

    public static Setting<TTarget> Integer(string name, int min, Func<TTarget, int> get, Action<TTarget, int> set) =>
        new(name, min == 0 ? "a non-negative integer" : $"an integer >= {min}", t => get(t),
            v => v is JsonValue j && j.TryGetValue<long>(out var n) && n >= min && n <= int.MaxValue, (t, v) => set(t, v!.GetValue<int>()));

    public static Setting<TTarget> Duration(string name, Func<TTarget, TimeSpan> get, Action<TTarget, TimeSpan> set) =>
        new(name, "a non-negative integer (milliseconds)", t => (long)get(t).TotalMilliseconds,
            v => v is JsonValue j && j.TryGetValue<long>(out var n) && n >= 0 && n <= int.MaxValue,
            (t, v) => set(t, TimeSpan.FromMilliseconds(v!.GetValue<long>())));
}
