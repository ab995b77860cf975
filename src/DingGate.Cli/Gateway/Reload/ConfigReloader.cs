using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DingGate.Cli.Config;
using DingGate.Core.Configuration;
using DingGate.Core.Configuration.Files;
using DingGate.Core.Configuration.Json5;
using DingGate.Core.Secrets;
using DingGate.DingTalk;
using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Gateway.Reload;

/// <summary>
/// One look at the config file: when its text differs from the one in force, checks it exactly as the start does
/// (<see cref="ConfigCheck"/>: load, references resolved again, validation, MCP commands, an enabled account). Invalid:
/// one error line naming each path and reason, the running configuration kept. Valid: the redactor learns its secrets
/// first, then it is put in force (<see cref="LiveConfig.Replace"/>), the DingTalk channel applies its accounts
/// (<see cref="DingTalkChannel.Apply"/>) and one line says what changed and what needs a restart. Not thread-safe: the
/// <see cref="ConfigWatcher"/> calls it from one loop.
/// </summary>
internal sealed partial class ConfigReloader(
    ConfigFileSource file, LiveConfig live, SecretRedactor redactor, DingTalkChannel channel, ILogger<ConfigReloader> logger)
{
    private const int MaxPathsLogged = 30;

    private string _appliedHash = Hash(file.Text);
    private JsonNode? _appliedTree = TryParse(file.Text);
    private string _seenHash = Hash(file.Text);

    /// <summary>The config file's path.</summary>
    public string Path => file.Source.Path;

    /// <summary>Reads the file; reloads when its text changed since the last look. Returns true when a new configuration went in force.</summary>
    public async Task<bool> ReloadIfChangedAsync(CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = BoundedFileReader.ReadText(Path, BoundedFileReader.MaxConfigFileBytes);
        }
        catch (Exception ex) when (ex is FileRefusedException or IOException or UnauthorizedAccessException)
        {
            // Mid-replace (an editor's rename) or removed: the next change or poll looks again.
            var unreadable = "unreadable: " + ex.Message;
            if (_seenHash != unreadable)
            {
                _seenHash = unreadable;
                LogUnreadable(logger, Path, redactor.Redact(ex.Message));
            }

            return false;
        }

        var hash = Hash(text);
        if (hash == _seenHash)
        {
            return false;
        }

        _seenHash = hash;
        if (hash == _appliedHash)
        {
            LogBackToRunning(logger, Path);
            return false;
        }

        if (live.Current.Gateway.Reload == false)
        {
            LogReloadOff(logger, Path);
            return false;
        }

        var check = await ConfigCheck.RunTextAsync(text, file.Source, file.AllowDuplicateKeys, cancellationToken);
        if (!check.IsValid)
        {
            var errors = string.Join("; ", check.Errors.Select(e => redactor.Redact(e.ToString())));
            LogInvalid(logger, Path, check.Errors.Count, errors);
            return false;
        }

        var next = check.Loaded!.Config;

        // Before anything logs or sends with them: a new clientSecret or apiKey is masked from now on.
        redactor.Learn(ConfigSecrets.Of(next));
        var tree = TryParse(text);
        var changed = ConfigDiff.Between(_appliedTree, tree);
        var restart = changed.Where(ConfigDiff.NeedsRestart).ToList();
        live.Replace(next);
        (_appliedHash, _appliedTree) = (hash, tree);
        foreach (var warning in check.Warnings)
        {
            LogWarning(logger, redactor.Redact(warning.ToString()));
        }

        var accounts = Describe(channel.Apply(next.Channels.Dingtalk!));
        var paths = List(changed, "none in the file; references read again");
        LogReloaded(logger, Path, live.Version, paths, accounts);
        if (restart.Count > 0)
        {
            var needsRestart = List(restart, string.Empty);
            LogNeedsRestart(logger, needsRestart);
        }

        return true;
    }

    private static string Describe(ChannelReload plan)
    {
        var parts = new List<string>();
        if (plan.Updated.Count > 0)
        {
            parts.Add("updated in place " + string.Join(", ", plan.Updated));
        }

        if (plan.Reconnecting.Count > 0)
        {
            parts.Add("reconnecting " + string.Join(", ", plan.Reconnecting.Select(r => $"{r.Key} ({string.Join(", ", r.Value)})")));
        }

        if (plan.Starting.Count > 0)
        {
            parts.Add("starting " + string.Join(", ", plan.Starting));
        }

        if (plan.Stopping.Count > 0)
        {
            parts.Add("stopping " + string.Join(", ", plan.Stopping));
        }

        return parts.Count == 0 ? "none" : string.Join("; ", parts);
    }

    private static string List(IReadOnlyList<string> paths, string none) =>
        paths.Count == 0 ? none
        : paths.Count <= MaxPathsLogged ? string.Join(", ", paths)
        : string.Join(", ", paths.Take(MaxPathsLogged)) + $" and {paths.Count - MaxPathsLogged} more";

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return Json5Reader.Parse(text);
        }
        catch (Json5Exception)
        {
            return null;
        }
    }
}
