using System.Text.Json.Nodes;
using DingGate.Emulator.Http;
using DingGate.Emulator.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Media;

/// <summary>
/// <c>POST /media/upload?access_token=…&amp;type=…</c> (oapi, spec §5.2): multipart with the file part <c>media</c> and
/// <c>type</c> in the form or the query. Errors are HTTP 200 errcodes: 40004 type, 40005 format, 40006 size.
/// </summary>
internal static class MediaUploadEndpoint
{
    public static void MapMediaUploadEndpoint(this IEndpointRouteBuilder routes) => routes.MapPost("/media/upload", UploadAsync).DisableAntiforgery();

    private static async Task<IResult> UploadAsync(HttpContext context, TokenAuth auth, DingTalkResults results, MediaStore store, MediaLimits limits)
    {
        var (app, error) = auth.Legacy(context);
        if (error is not null)
        {
            return error;
        }

        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        string? type = form?["type"].FirstOrDefault(t => !string.IsNullOrEmpty(t)) ?? context.Request.Query["type"].FirstOrDefault();
        if (string.IsNullOrEmpty(type) || !limits.UploadTypes.TryGetValue(type, out var rule))
        {
            return results.LegacyError(40004, "不合法的媒体文件类型");
        }

        var file = form?.Files.GetFile("media");
        if (file is null)
        {
            return results.LegacyError(41005, "缺少多媒体文件数据");
        }

        var extension = Path.GetExtension(file.FileName).TrimStart('.').ToLowerInvariant();
        if (!rule.Extensions.Contains(extension))
        {
            return results.LegacyError(40005, "不合法的文件类型");
        }

        if (file.Length == 0 || file.Length > rule.MaxBytes)
        {
            return results.LegacyError(40006, "不合法的文件大小");
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, context.RequestAborted);
        var contentType = string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType;
        var media = store.RegisterUpload(app!.RobotCode, type, Path.GetFileName(file.FileName), contentType, buffer.ToArray());
        return results.Legacy(new JsonObject
        {
            ["errcode"] = 0, ["errmsg"] = "ok", ["media_id"] = media.MediaId, ["created_at"] = media.CreatedAt.ToUnixTimeMilliseconds(), ["type"] = type,
        });
    }
}
