namespace DingGate.Cli.Gateway.Permissions;

/// <summary>What <see cref="StatePermissions.Tighten"/> changed, and the paths it could not change (with the reason).</summary>
internal sealed record StatePermissionsResult(IReadOnlyList<PermissionChange> Tightened, IReadOnlyList<(string Path, string Reason)> Failed)
{
    public static StatePermissionsResult None { get; } = new([], []);
}
