namespace DingGate.DingTalk.Api;

/// <summary>A downloaded media file: where it was saved, its size, its content type and its (sanitised) file name.</summary>
internal sealed record MediaDownloadResult(string Path, long Size, string? ContentType, string FileName);
