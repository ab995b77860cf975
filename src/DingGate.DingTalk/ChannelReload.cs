namespace DingGate.DingTalk;

/// <summary>
/// What <see cref="DingTalkChannel.Apply"/> does with new <c>channels.dingtalk</c> settings, per account id:
/// <see cref="Updated"/> in place (no reconnect), <see cref="Reconnecting"/> (with the changed keys, never values),
/// <see cref="Starting"/> (added or enabled), <see cref="Stopping"/> (removed or disabled).
/// </summary>
public sealed record ChannelReload(
    IReadOnlyList<string> Updated,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Reconnecting,
    IReadOnlyList<string> Starting,
    IReadOnlyList<string> Stopping)
{
    /// <summary>True when no account starts, stops or reconnects.</summary>
    public bool InPlaceOnly => Reconnecting.Count == 0 && Starting.Count == 0 && Stopping.Count == 0;
}
