using System.Text.Json.Nodes;

namespace DingGate.Emulator.Control;

/// <summary>
/// Reads and patches a table of <see cref="Setting{TTarget}"/>: a patch is applied only when every key is known and
/// every value valid; otherwise nothing changes and the errors name each bad key.
/// </summary>
internal static class SettingsPatch
{
    public static JsonObject Snapshot<TTarget>(IReadOnlyList<Setting<TTarget>> table, TTarget target)
    {
        var snapshot = new JsonObject();
        foreach (var setting in table)
        {
            snapshot[setting.Name] = setting.Read(target);
        }

        return snapshot;
    }

    /// <summary>Applies <paramref name="body"/>; returns null on success, else the error text.</summary>
    public static string? TryApply<TTarget>(IReadOnlyList<Setting<TTarget>> table, TTarget target, JsonObject body, string label)
    {
        var errors = new List<string>();
        var accepted = new List<(Setting<TTarget> Setting, JsonNode? Value)>();
        foreach (var (name, value) in body)
        {
            var setting = table.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
            if (setting is null)
            {
                errors.Add($"unknown {label} '{name}' (known: {string.Join(", ", table.Select(s => s.Name))})");
            }
            else if (!setting.IsValid(value))
            {
                errors.Add($"'{name}' must be {setting.Expected}");
            }
            else
            {
                accepted.Add((setting, value));
            }
        }

        if (errors.Count > 0)
        {
            return string.Join("; ", errors);
        }

        foreach (var (setting, value) in accepted)
        {
            setting.Write(target, value);
        }

        return null;
    }
}
