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
/// Recall (spec §4.6): <c>POST /v1.0/robot/otoMessages/batchRecall</c> and <c>POST /v1.0/robot/groupMessages/recall</c>.
/// At most 20 keys; a key older than 24 h (emulator clock) fails with <c>robot.processQueryKey.expired</c>, an unknown
/// one with <c>invalid.processQueryKey</c>. Recalled messages are marked in the <see cref="ConversationLog"/>.
/// </summary>
internal static class RecallEndpoints
{
    public const int MaxKeys = 20;
    public static readonly TimeSpan RecallWindow = TimeSpan.FromHours(24);

    public static void MapRecallEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1.0/robot/otoMessages/batchRecall", (HttpContext c, RecallDependencies d) => RecallAsync(c, d, group: false));
        routes.MapPost("/v1.0/robot/groupMessages/recall", (HttpContext c, RecallDependencies d) => RecallAsync(c, d, group: true));
    }

    private static async Task<IResult> RecallAsync(HttpContext context, RecallDependencies d, bool group)
    {
        var (app, error) = d.Auth.Api(context, AppPermissions.RobotSendMessage);
        var body = error is null ? await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted) : null;
        error ??= body is null ? d.Results.BadJson() : d.Validator.CheckRobotCode(body, app!);
        if (error is null && group)
        {
            error = RobotSendEndpoints.CheckGroup(body!, app!, d.Org, d.Results);
        }

        if (error is not null)
        {
            return error;
        }

        var keys = (body!["processQueryKeys"] as JsonArray)?.Select(k => k is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList() ?? [];
        if (keys.Count == 0)
        {
            return d.Results.ApiError(400, "invalidParameter.processQueryKeys.empty", "processQueryKeys不能为空");
        }

        if (keys.Count > MaxKeys)
        {
            return d.Results.ApiError(400, "invalidParameter.processQueryKeys.overMax", $"processQueryKeys超过最大限制{MaxKeys}");
        }

        var conversationId = group ? body.GetString("openConversationId") : null;
        var now = d.Options.TimeProvider.GetUtcNow();
        var success = new JsonArray();
        var failed = new JsonObject();
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            var entries = d.Log.All.Where(e => e.FromBot && e.Kind != "emotion" && e.MessageKey == key && e.RobotCode == app!.RobotCode
                && (group ? e.ConversationId == conversationId : e.ConversationType == "1")).ToList();
            if (entries.Count == 0)
            {
                failed[key] = "invalid.processQueryKey";
            }
            else if (entries.Min(e => e.At) + RecallWindow < now)
            {
                failed[key] = "robot.processQueryKey.expired";
            }
            else
            {
                entries.ForEach(e => e.Recalled = true);
                success.Add(key);
            }
        }

        return d.Results.Ok(new JsonObject { ["successResult"] = success, ["failedResult"] = failed });
    }

    /// <summary>The services a recall needs, bundled so the handler stays readable.</summary>
    internal sealed record RecallDependencies(
        TokenAuth Auth, DingTalkResults Results, RobotMessageValidator Validator, OrgDirectory Org, ConversationLog Log, EmulatorOptions Options);
}
