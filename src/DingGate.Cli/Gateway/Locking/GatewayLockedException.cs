namespace DingGate.Cli.Gateway.Locking;

/// <summary>Another process holds the state directory's <see cref="GatewayLock"/>.</summary>
internal sealed class GatewayLockedException(string stateDirectory, GatewayLockHolder? holder, Exception? inner = null)
    : Exception(Describe(stateDirectory, holder), inner)
{
    public string StateDirectory { get; } = stateDirectory;

    public GatewayLockHolder? Holder { get; } = holder;

    private static string Describe(string stateDirectory, GatewayLockHolder? holder) =>
        holder is { } h
            ? $"another gateway already runs on the state directory {stateDirectory} (pid {h.Pid}, admin {h.AdminUrl})"
            : $"another gateway already runs on the state directory {stateDirectory} (pid unknown: it has not announced its admin endpoint yet; see {GatewayLock.PathIn(stateDirectory)})";
}
