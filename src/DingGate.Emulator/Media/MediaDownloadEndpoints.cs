using System.Text.Json.Nodes;
using DingGate.Emulator.Http;
using DingGate.Emulator.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Media;

/// <summary>
/// <c>POST /v1.0/robot/messageFiles/download</c> (spec §5.1): download code → signed, expiring URL; and
/// <c>GET /_files/{id}</c>, which serves the bytes behind such a URL (403 when the signature is wrong or expired).
/// </summary>
internal static class MediaDownloadEndpoints
{
    public static void MapMediaDownloadEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1.0/robot/messageFiles/download", DownloadAsync);
        routes.MapGet("/_files/{id}", ServeFile);
    }

    private static async Task<IResult> DownloadAsync(
        HttpContext context, TokenAuth auth, DingTalkResults results, MediaStore store, DownloadUrlSigner signer)
    {
        var (app, error) = auth.Api(context, AppPermissions.RobotSendMessage);
        if (error is not null)
        {
            return error;
        }

        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            return results.BadJson();
        }

        var robotCode = body.GetString("robotCode");
        if (string.IsNullOrEmpty(robotCode))
        {
            return results.ApiError(400, "invalidParameter.robotCode.empty", "robotCode不能为空");
        }

        if (robotCode != app!.RobotCode)
        {
            return results.ApiError(400, "invalidParameter.robotCode.auth", "robotCode与当前应用不匹配，无权限下载该文件");
        }

        var media = store.FindByDownloadCode(body.GetString("downloadCode"));
        if (media is null)
        {
            return results.ApiError(400, "invalidParameter.robotCode.downloadCode", "下载码有误或者已经过期");
        }

        if (media.RobotCode != robotCode)
        {
            return results.ApiError(400, "invalidParameter.robotCode.auth", "downloadCode不属于该机器人");
        }

        return results.Ok(new JsonObject { ["downloadUrl"] = signer.CreateUrl(media.Id) });
    }

    private static IResult ServeFile(string id, HttpContext context, MediaStore store, DownloadUrlSigner signer)
    {
        var query = context.Request.Query;
        if (!signer.IsValid(id, query["Expires"], query["Signature"]) || store.FindById(id) is not { } media)
        {
            return Results.Text(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired or the signature does not match.</Message></Error>",
                "application/xml", statusCode: StatusCodes.Status403Forbidden);
        }

        return Results.File(media.Bytes, media.ContentType, media.FileName);
    }
}
