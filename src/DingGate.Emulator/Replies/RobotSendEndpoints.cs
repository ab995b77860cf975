using System.Text.Json.Nodes;
using DingGate.Emulator.Conversations;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Http;
using DingGate.Emulator.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Replies;

/// <summary>
/// Robot OpenAPI sends (spec §4.2, §4.3, §8.7): <c>POST /v1.0/robot/oToMessages/batchSend</c> and
/// <c>POST /v1.0/robot/groupMessages/send</c>. Each delivered message is one <see cref="ConversationLog"/> entry per
/// conversation with <c>MessageKey</c> = processQueryKey. batchSend answers every requested user it did not deliver to in
/// one of the lists of the official model (alibabacloud-go/dingtalk <c>robot_1_0.BatchSendOTOResponseBody</c>):
/// <c>invalidStaffIdList</c> (unknown or external), <c>filteredStaffIdList</c> (the user blocked bots),
/// <c>flowControlledStaffIdList</c> (flow-controlled user).
/// </summary>
internal static class RobotSendEndpoints
{
    public const int GroupMsgParamMaxBytes = 15_000;

    public static void MapRobotSendEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1.0/robot/oToMessages/batchSend", BatchSendAsync);
        routes.MapPost("/v1.0/robot/groupMessages/send", GroupSendAsync);
    }

    private static async Task<IResult> BatchSendAsync(
        HttpContext context, TokenAuth auth, DingTalkResults results, RobotMessageValidator validator, OrgDirectory org,
        ConversationLog log, IdGenerator ids, EmulatorOptions options)
    {
        var (app, error) = auth.Api(context, AppPermissions.RobotSendMessage);
        var body = error is null ? await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted) : null;
        error ??= body is null ? results.BadJson() : validator.CheckRobotCode(body, app!);
        if (error is not null)
        {
            return error;
        }

        var (msgKey, param, messageError) = validator.CheckMessage(body!, maxParamBytes: null);
        if (messageError is not null)
        {
            return messageError;
        }

        var userIds = (body!["userIds"] as JsonArray)?.Select(u => u is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList() ?? [];
        if (userIds.Count == 0)
        {
            return results.ApiError(400, "invalidParameter.userIds.empty", "userIds不能为空");
        }

        if (userIds.Count > options.BatchSendMaxUsers)
        {
            return results.ApiError(400, "invalidParameter.userIds.overMax", $"userIds超过最大限制{options.BatchSendMaxUsers}");
        }

        var processQueryKey = NewProcessQueryKey(ids);
        var invalid = new JsonArray();
        var filtered = new JsonArray();
        var flowControlled = new JsonArray();
        foreach (var userId in userIds.Distinct(StringComparer.Ordinal))
        {
            var user = org.FindUser(userId);
            if (user is null || user.External)
            {
                invalid.Add(userId);
                continue;
            }

            if (user.BlocksBots)
            {
                filtered.Add(userId);
                continue;
            }

            if (user.FlowControlled)
            {
                flowControlled.Add(userId);
                continue;
            }

            log.Add(org.SingleChatId(app!.RobotCode, userId), "1", app.RobotCode, fromBot: true, msgKey, "oToMessages/batchSend", param!.DeepClone(), userId, processQueryKey);
        }

        return results.Ok(new JsonObject
        {
            ["processQueryKey"] = processQueryKey, ["invalidStaffIdList"] = invalid, ["flowControlledStaffIdList"] = flowControlled, ["filteredStaffIdList"] = filtered,
        });
    }

    private static async Task<IResult> GroupSendAsync(
        HttpContext context, TokenAuth auth, DingTalkResults results, RobotMessageValidator validator, OrgDirectory org, ConversationLog log, IdGenerator ids)
    {
        var (app, error) = auth.Api(context, AppPermissions.RobotSendMessage);
        var body = error is null ? await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted) : null;
        error ??= body is null ? results.BadJson() : validator.CheckRobotCode(body, app!) ?? CheckGroup(body, app!, org, results);
        if (error is not null)
        {
            return error;
        }

        var (msgKey, param, messageError) = validator.CheckMessage(body!, GroupMsgParamMaxBytes);
        if (messageError is not null)
        {
            return messageError;
        }

        var processQueryKey = NewProcessQueryKey(ids);
        log.Add(body!.GetString("openConversationId")!, "2", app!.RobotCode, fromBot: true, msgKey, "groupMessages/send", param!, messageKey: processQueryKey);
        return results.Ok(new JsonObject { ["processQueryKey"] = processQueryKey });
    }

    /// <summary>The group checks shared with group recall: present, known, not disbanded, bot installed.</summary>
    public static IResult? CheckGroup(JsonObject body, EmulatedApp app, OrgDirectory org, DingTalkResults results)
    {
        var id = body.GetString("openConversationId");
        if (string.IsNullOrEmpty(id))
        {
            return results.ApiError(400, "miss.openConversationId", "openConversationId不能为空");
        }

        var group = org.FindGroup(id);
        if (group is null)
        {
            return results.ApiError(400, "invalid.openConversationId", "openConversationId无效");
        }

        if (group.Disbanded)
        {
            return results.ApiError(400, "group.disbanded", "群已解散");
        }

        return group.InstalledRobotCodes.Contains(app.RobotCode) ? null : results.ApiError(400, "resource.not.found", "机器人不在该群中");
    }

    private static string NewProcessQueryKey(IdGenerator ids) => ids.NewBase64Id(43) + "=";
}
