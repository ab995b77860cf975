using DingGate.Core.Files;
using DingGate.Core.Replies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DingGate.Agent.Tools.Builtin;

// The work of send_file and of MEDIA: lines: a workspace file (WorkspaceFiles) or an http(s) URL (fetched through the
// guard, refused over the size cap, saved under a safe name with its content type's extension) becomes a ReplyFile on
// the turn's reply; the channel shows images inside the answer and sends other files after it.
internal sealed partial class FileSender(SendFileOptions options, GuardedHttp http, TimeProvider time, ILogger<FileSender>? logger = null)
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public SendFileOptions Options => options;

    public async Task<SendFileResult> SendAsync(string source, string? name, IReplySink reply, string accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var given = source?.Trim() ?? string.Empty;
        try
        {
            var isUrl = given.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || given.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            var path = isUrl ? await DownloadAsync(given, cancellationToken) : WorkspaceFiles.Resolve(options.Workspace, given, options.MaxBytes, options.StateDirectory);
            var file = OutboundFile.FromPath(path) with { FileName = DisplayName(name, path) };
            await reply.WriteAsync(new ReplyFile(file), cancellationToken);
            var shown = file.FileName ?? Path.GetFileName(path);
            var size = new FileInfo(path).Length;
            LogAttached(_logger, accountId, file.Kind, shown, size);
            return new SendFileResult(true, file.Kind == OutboundFileKind.Image
                ? $"Attached image '{shown}' ({size} bytes): it is shown in the answer, below your text."
                : $"Attached file '{shown}' ({size} bytes): it is sent as its own message after your answer.");
        }
        catch (Exception ex) when (ex is UrlRefusedException or FileRefusedException)
        {
            LogRefused(_logger, accountId, ex is UrlRefusedException ? "url" : "path");
            return new SendFileResult(false, ex.Message);
        }
    }

    private async Task<string> DownloadAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new UrlRefusedException($"Refused '{url}': not a valid URL.");
        }

        var response = await http.GetAsync(uri, options.MaxBytes, truncate: false, cancellationToken);
        if (!response.IsSuccess)
        {
            throw new UrlRefusedException($"Refused '{url}': the server answered HTTP {(int)response.Status}.");
        }

        if (BodyText.IsHtml(response.MediaType))
        {
            throw new UrlRefusedException($"Refused '{url}': it is a web page, not a file (fetch_url reads pages).");
        }

        if (response.Body.Length == 0)
        {
            throw new UrlRefusedException($"Refused '{url}': the server sent an empty file.");
        }

        PruneOldDownloads();
        var folder = Path.Combine(options.DownloadRoot, time.GetUtcNow().ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..12]);
        PrivateFiles.CreateDirectory(folder);
        var path = Path.Combine(folder, DownloadNames.For(response.Url, response.MediaType));
        await using (var stream = PrivateFiles.Open(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            await stream.WriteAsync(response.Body, cancellationToken);
        }

        return path;
    }

    // Download folders live until the answer is out; those older than a day are removed before a new one is made.
    private void PruneOldDownloads()
    {
        if (!Directory.Exists(options.DownloadRoot))
        {
            return;
        }

        var cutoff = time.GetUtcNow() - SendFileOptions.DownloadsKeptFor;
        foreach (var folder in Directory.EnumerateDirectories(options.DownloadRoot))
        {
            try
            {
                if (Directory.GetCreationTimeUtc(folder) < cutoff.UtcDateTime)
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogPruneFailed(_logger, folder, ex.Message);
            }
        }
    }

    // The name shown to users: the one the model gave (safe characters, the real file's extension kept) or the file's.
    private static string? DisplayName(string? name, string path)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var safe = new string([.. Path.GetFileName(name.Trim()).Select(c => char.IsControl(c) || c is '/' or '\\' ? '_' : c)]);
        var extension = Path.GetExtension(path);
        return safe.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? safe : safe + extension;
    }

    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Account {AccountId}: send_file attached {Kind} {FileName} ({Bytes} bytes)")]
    private static partial void LogAttached(ILogger logger, string accountId, OutboundFileKind kind, string fileName, long bytes);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Information, Message = "Account {AccountId}: send_file refused a {Source}; the model was told why")]
    private static partial void LogRefused(ILogger logger, string accountId, string source);

    [LoggerMessage(EventId = 5403, Level = LogLevel.Warning, Message = "Old send_file download folder {Folder} could not be removed: {Reason}")]
    private static partial void LogPruneFailed(ILogger logger, string folder, string reason);
}
