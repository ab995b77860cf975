using DingGate.Core.Storage;
using DingGate.DingTalk.Inbound;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Retention;

/// <summary>
/// Deletes the media folder of a message (<see cref="MediaFolders"/>) once the message finished more than
/// <c>retention</c> ago. A folder is kept while its journal entry is unfinished or finished within the retention; every
/// other folder of a configured account goes (its entry finished long ago, or was purged from the journal, which
/// happens only to finished entries). The folders are listed before the journal is asked, and a message is journaled
/// before its media is downloaded, so a folder being written is always seen as unfinished. Folders of accounts no
/// longer in the configuration are left alone.
/// </summary>
internal sealed partial class MediaRetentionTarget(
    IReadOnlyList<string> accountIds, string mediaRoot, TimeSpan retention, IInboundJournal journal, ILogger<MediaRetentionTarget> logger)
    : IRetentionTarget
{
    public string Name => "media";

    public async Task<int> PurgeBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var accountId in accountIds)
        {
            var directory = MediaFolders.Account(mediaRoot, accountId);
            var folders = ListFolders(directory);
            if (folders.Count == 0)
            {
                continue;
            }

            var keys = await journal.ListKeysRetainedAfterAsync(accountId, now - retention, cancellationToken);
            var keep = keys.Select(MediaFolders.FolderName).ToHashSet(StringComparer.Ordinal);
            foreach (var folder in folders)
            {
                if (keep.Contains(Path.GetFileName(folder)) || !TryDelete(accountId, folder))
                {
                    continue;
                }

                if (++deleted >= batchSize)
                {
                    return deleted;
                }
            }
        }

        return deleted;
    }

    private static List<string> ListFolders(string directory)
    {
        try
        {
            return Directory.Exists(directory) ? [.. Directory.EnumerateDirectories(directory)] : [];
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    // A folder that cannot be deleted now (a file held open by another process) is tried again at the next pass.
    private bool TryDelete(string accountId, string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogDeleteFailed(accountId, folder, ex.Message);
            return false;
        }
    }

    /// <summary>The target for every account in <paramref name="options"/> (enabled or not) under its state directory.</summary>
    internal static MediaRetentionTarget For(DingTalkChannelOptions options, TimeSpan retention, IInboundJournal journal, ILogger<MediaRetentionTarget> logger) =>
        new([.. options.Settings.Resolve().Select(a => a.Id)], MediaFolders.Root(options.StateDirectory), retention, journal, logger);
}
