using System.Collections.Frozen;
using System.Globalization;
using DingGate.Core.Inbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DingGate.Agent.Attachments;

/// <summary>
/// Reads the text of downloaded files for the model: PDF (per page), DOCX (paragraphs) and text files, under
/// <see cref="ExtractionLimits"/> that bound memory and time, not only the file size: decompressed bytes, zip parts,
/// PDF pages and page content, characters, and a wall-clock budget per file. Never throws for a bad file: unreadable,
/// corrupt, encrypted, unsupported or over-limit files become a short note naming the file (and the limit).
/// </summary>
internal sealed partial class AttachmentTextExtractor(ExtractionLimits limits, ILogger<AttachmentTextExtractor>? logger = null, TimeProvider? timeProvider = null)
{
    public const string TruncatedMarker = "…(truncated)";

    private static readonly FrozenSet<string> TextExtensions =
        new[] { ".txt", ".md", ".markdown", ".csv", ".json", ".log", ".xml", ".yaml", ".yml" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Extracts every attachment in order, sharing <see cref="ExtractionLimits.MaxTotalChars"/> between them.</summary>
    public async Task<IReadOnlyList<ExtractedAttachment>> ExtractAllAsync(IEnumerable<InboundAttachment> attachments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        var results = new List<ExtractedAttachment>();
        var budget = limits.MaxTotalChars;
        foreach (var attachment in attachments)
        {
            var result = await ExtractAsync(attachment, Math.Min(budget, limits.MaxCharsPerFile), cancellationToken);
            if (!result.IsNote)
            {
                budget = Math.Max(0, budget - result.Text.Length);
            }

            results.Add(result);
        }

        return results;
    }

    /// <summary>Extracts one attachment, keeping at most <paramref name="maxChars"/> characters.</summary>
    public async Task<ExtractedAttachment> ExtractAsync(InboundAttachment attachment, int maxChars, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var name = DisplayName(attachment);
        var kind = Classify(name, attachment.ContentType);
        var type = kind == FileKind.Other ? attachment.ContentType ?? TypeFromExtension(name) : kind.ToString().ToLowerInvariant();
        if (attachment.LocalPath is null || !File.Exists(attachment.LocalPath))
        {
            return Note(name, type, $"[附件未下载 / file not downloaded: {name}]");
        }

        if (kind == FileKind.Other)
        {
            return Note(name, type, $"[无法读取此类型的文件 / cannot read this file type: {name} ({type})]");
        }

        var length = new FileInfo(attachment.LocalPath).Length;
        if (length > limits.MaxFileBytes)
        {
            return Note(name, type, $"[文件过大，未读取 / file too large to read: {name} ({length} bytes, limit {limits.MaxFileBytes})]");
        }

        if (maxChars <= 0)
        {
            return Note(name, type, $"[已达到附件文本上限 / attachment text limit reached, not read: {name}]");
        }

        using var deadline = new CancellationTokenSource(limits.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var token = linked.Token;
            var (text, truncated) = kind switch
            {
                FileKind.Pdf => PdfTextReader.Read(attachment.LocalPath, maxChars, limits, token),
                FileKind.Docx => DocxTextReader.Read(attachment.LocalPath, maxChars, limits, token),
                _ => await PlainTextReader.ReadAsync(attachment.LocalPath, maxChars, token),
            };
            LogExtracted(_logger, name, type, text.Length, truncated);
            return new ExtractedAttachment(name, type, truncated ? text + TruncatedMarker : text, IsNote: false, truncated);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return OverLimit(name, type, ExtractionLimit.Time, "deadline passed");
        }
        catch (ExtractionLimitExceededException ex)
        {
            return OverLimit(name, type, ex.Limit, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUnreadable(_logger, name, type, ex);
            var reason = ex is PdfEncryptedException ? "加密 / encrypted" : "损坏或无法读取 / corrupt or unreadable";
            return Note(name, type, $"[无法读取文件 / could not read file: {name} ({type}, {reason})]");
        }
    }

    private ExtractedAttachment OverLimit(string name, string type, ExtractionLimit limit, string detail)
    {
        LogOverLimit(_logger, name, type, limit, detail);
        var what = limit switch
        {
            ExtractionLimit.DecompressedBytes => string.Create(CultureInfo.InvariantCulture, $"解压后内容过多 / too much data when decompressed, limit {limits.MaxDecompressedBytes} bytes"),
            ExtractionLimit.Parts => string.Create(CultureInfo.InvariantCulture, $"部件过多 / too many parts, limit {limits.MaxParts}"),
            ExtractionLimit.Pages => string.Create(CultureInfo.InvariantCulture, $"页数过多 / too many pages, limit {limits.MaxPages}"),
            ExtractionLimit.Nesting => string.Create(CultureInfo.InvariantCulture, $"结构嵌套过深 / nested too deeply, limit {SafeXml.MaxDepth} levels"),
            ExtractionLimit.PageContent => string.Create(CultureInfo.InvariantCulture, $"PDF 页面内容过多 / too much content on one PDF page, limit {PdfDecodeBudget.MaxContentBytesPerPage} bytes ({PdfDecodeBudget.MaxTextBytesPerPage} of text)"),
            _ => string.Create(CultureInfo.InvariantCulture, $"读取超时 / took too long to read, limit {limits.Timeout.TotalSeconds:0.#} s"),
        };
        return Note(name, type, $"[文件超出读取限制，未读取 / file over a reading limit, not read: {name} ({type}, {what})]");
    }

    private static ExtractedAttachment Note(string name, string type, string note) => new(name, type, note, IsNote: true, Truncated: false);

    private static string DisplayName(InboundAttachment attachment) =>
        !string.IsNullOrWhiteSpace(attachment.FileName) ? attachment.FileName
        : attachment.LocalPath is not null ? Path.GetFileName(attachment.LocalPath)
        : attachment.Kind.ToString().ToLowerInvariant();

    private static FileKind Classify(string name, string? contentType)
    {
        var ext = Path.GetExtension(name);
        var mime = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return ext.Equals(".pdf", StringComparison.OrdinalIgnoreCase) || mime == "application/pdf" ? FileKind.Pdf
            : ext.Equals(".docx", StringComparison.OrdinalIgnoreCase) || mime == "application/vnd.openxmlformats-officedocument.wordprocessingml.document" ? FileKind.Docx
            : TextExtensions.Contains(ext) || mime is "text/plain" or "text/markdown" or "text/csv" or "application/json" or "application/xml" or "text/xml" or "application/yaml" ? FileKind.Text
            : FileKind.Other;
    }

    private static string TypeFromExtension(string name)
    {
        var ext = Path.GetExtension(name);
        return ext.Length > 1 ? ext[1..].ToLowerInvariant() : "unknown";
    }

    private enum FileKind
    {
        Pdf,
        Docx,
        Text,
        Other,
    }
}
