using DingGate.Core.Inbound;

namespace DingGate.DingTalk.Policies;

/// <summary>
/// A configured sender list (<c>allowFrom</c>, <c>groupAllowFrom</c>). Entries are trimmed, lose one leading
/// <c>dingtalk:</c>, <c>dd:</c> or <c>ding:</c> prefix (any case) and compare case-insensitively; blank entries are
/// dropped; <c>*</c> allows everyone; an empty list allows no one. A sender matches by staff id or, as a fallback for
/// external users, by the encrypted sender id.
/// </summary>
internal sealed class AllowFromList
{
    private readonly HashSet<string> _entries;

    public AllowFromList(IEnumerable<string>? entries)
    {
        _entries = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries ?? [])
        {
            if (Normalize(entry) is { Length: > 0 } normalized)
            {
                _entries.Add(normalized);
            }
        }

        AllowsEveryone = _entries.Contains("*");
    }

    /// <summary>True when the list holds <c>*</c>.</summary>
    public bool AllowsEveryone { get; }

    /// <summary>True when no (non-blank) entry is configured: nobody is allowed.</summary>
    public bool IsEmpty => _entries.Count == 0;

    /// <summary>The normalized entries.</summary>
    public IReadOnlyCollection<string> Entries => _entries;

    /// <summary>Trims and strips one known prefix; null stays empty.</summary>
    public static string Normalize(string? entry)
    {
        var value = entry?.Trim() ?? string.Empty;
        ReadOnlySpan<string> prefixes = ["dingtalk:", "dd:", "ding:"];
        foreach (var prefix in prefixes)
        {
            if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return value[prefix.Length..].Trim();
            }
        }

        return value;
    }

    /// <summary>Whether the sender is on the list (by staff id, else by sender id).</summary>
    public bool Allows(InboundSender sender) =>
        AllowsEveryone
        || (!string.IsNullOrWhiteSpace(sender.StaffId) && _entries.Contains(sender.StaffId.Trim()))
        || (!string.IsNullOrWhiteSpace(sender.Id) && _entries.Contains(sender.Id.Trim()));
}
