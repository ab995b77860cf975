using System.Text;
using System.Text.Json.Nodes;
using DingGate.Emulator.Http;
using DingGate.Emulator.Recording;
using DingGate.Emulator.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Media;

/// <summary>
/// <c>POST /media/upload?access_token=…[&amp;type=…]</c> (oapi, spec §5.2, KB 0646): a <c>multipart/form-data</c> body
/// read by <see cref="MultipartFormReader"/> (strict; never ASP.NET's lenient form reader). The file is the part whose
/// quoted name is <c>media</c> and that carries a quoted plain <c>filename</c>; <c>type</c> is the quoted form field
/// <c>type</c>, else the query's. Errors are HTTP 200 errcodes: 43008 not multipart, 40004 type, 41005 no media part
/// (missing, misnamed, unquoted, without a plain filename — a <c>filename*</c> alone is not read — or an unreadable
/// body), 40005 format (judged on the plain filename's extension), 40006 size. The form as read is recorded with the call.
/// </summary>
internal static class MediaUploadEndpoint
{
    /// <summary>Largest body read (the biggest allowed file plus room for the form); larger is refused as 40006.</summary>
    private const long MaxBodyBytes = 21 * 1024 * 1024;

    public static void MapMediaUploadEndpoint(this IEndpointRouteBuilder routes) => routes.MapPost("/media/upload", UploadAsync).DisableAntiforgery();

    private static async Task<IResult> UploadAsync(HttpContext context, TokenAuth auth, DingTalkResults results, MediaStore store, MediaLimits limits)
    {
        var (app, error) = auth.Legacy(context);
        if (error is not null)
        {
            return error;
        }

        var queryType = context.Request.Query["type"].FirstOrDefault();
        var boundary = MultipartFormReader.BoundaryOf(context.Request.ContentType);
        if (boundary is null)
        {
            Record(context, new RecordedForm(false, false, queryType, null, [], "Content-Type is not multipart/form-data with a boundary"));
            return results.LegacyError(43008, "参数需要multipart类型");
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            Record(context, new RecordedForm(true, boundary.Value.Quoted, queryType, null, [], "body too large"));
            return results.LegacyError(40006, "不合法的文件大小");
        }

        var body = await ReadBodyAsync(context.Request);
        if (body is null)
        {
            Record(context, new RecordedForm(true, boundary.Value.Quoted, queryType, null, [], "body too large"));
            return results.LegacyError(40006, "不合法的文件大小");
        }

        var (form, formError) = MultipartFormReader.Read(boundary.Value.Boundary, boundary.Value.Quoted, body);
        var formType = form?.Field("type") is { } typePart ? Encoding.UTF8.GetString(typePart.Body) : null;
        Record(context, new RecordedForm(true, boundary.Value.Quoted, queryType, formType, form?.Parts.Select(Describe).ToList() ?? [], formError));

        var type = !string.IsNullOrEmpty(formType) ? formType : queryType;
        if (string.IsNullOrEmpty(type) || !limits.UploadTypes.TryGetValue(type, out var rule))
        {
            return results.LegacyError(40004, "不合法的媒体文件类型");
        }

        if (form?.Part("media") is not { IsFile: true } file)
        {
            return results.LegacyError(41005, "缺少多媒体文件数据");
        }

        var extension = Path.GetExtension(file.FileName!).TrimStart('.').ToLowerInvariant();
        if (!rule.Extensions.Contains(extension))
        {
            return results.LegacyError(40005, "不合法的文件类型");
        }

        if (file.Body.Length == 0 || file.Body.Length > rule.MaxBytes)
        {
            return results.LegacyError(40006, "不合法的文件大小");
        }

        var contentType = string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType;
        var media = store.RegisterUpload(app!.RobotCode, type, Path.GetFileName(file.FileName!), contentType, file.Body);
        return results.Legacy(new JsonObject
        {
            ["errcode"] = 0, ["errmsg"] = "ok", ["media_id"] = media.MediaId, ["created_at"] = media.CreatedAt.ToUnixTimeMilliseconds(), ["type"] = type,
        });
    }

    /// <summary>The whole body, or null when it is over <see cref="MaxBodyBytes"/> (chunked bodies have no length up front).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static RecordedFormPart Describe(MultipartPart part) => new(
        part.Name, part.NameQuoted, part.FileName, part.FileNameQuoted, part.HasFileNameStar, part.ContentType, part.Body.Length,
        part.FileName is null && part.Body.Length <= 256 ? Encoding.UTF8.GetString(part.Body) : null);

    private static void Record(HttpContext context, RecordedForm form) => context.Items[HttpItems.Form] = form;
}
