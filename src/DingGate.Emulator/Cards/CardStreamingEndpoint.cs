using System.Text;
using System.Text.Json.Nodes;
using DingGate.Emulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Cards;

/// <summary>
/// <c>PUT /v1.0/card/streaming</c> (spec §6.2): typewriter updates of one variable. Idempotent by <c>guid</c>;
/// <c>isFull</c> replaces, otherwise appends (rejected on the template's Markdown streaming key). On a streaming-driven
/// template the first call moves the card to INPUTING, <c>isFinalize</c> to FINISHED, <c>isError</c> to FAILED; on a
/// flowStatus-driven one (the built-in AI card, <see cref="CardLifecycle.FlowStatus"/>) the state is left to
/// <c>flowStatus</c>: a card finalized here but never set to "3" keeps spinning.
/// </summary>
internal static class CardStreamingEndpoint
{
    public static void MapCardStreamingEndpoint(this IEndpointRouteBuilder routes) => routes.MapPut("/v1.0/card/streaming", StreamAsync);

    private static async Task<IResult> StreamAsync(
        HttpContext context, CardStore store, CardSwitches switches, CardStreamingLimiter limiter, EmulatorOptions options, DingTalkResults results)
    {
        var (call, failure) = await CardRequests.ReadAsync(context, AppPermissions.CardStreamingWrite);
        if (failure is not null)
        {
            return failure;
        }

        var (app, body) = call!;

        if (!limiter.TryAcquire(app.RobotCode))
        {
            return switches.StreamingRateLimitStatus == StatusCodes.Status429TooManyRequests
                ? results.ApiError(StatusCodes.Status429TooManyRequests, "system.busy", "request too frequest")
                : results.QpsLimit();
        }

        var card = store.FindOwned(body.GetString("outTrackId"), app.ClientId);
        var key = body.GetString("key");
        var content = body.GetString("content");
        var guid = body.GetString("guid");
        CardError? error = card is null ? new("param.stream.outTrackId", "card is not exist")
            : string.IsNullOrEmpty(key) ? new("param.stream.keyEmpty", "key is empty")
            : content is null || (content.Length == 0 && switches.RejectEmptyStreamingContent) ? new("param.stream.contentEmpty", "content is empty")
            : string.IsNullOrEmpty(guid) ? new("param.stream.guidEmpty", "guid is empty")
            : null;
        if (error is not null)
        {
            return results.Render(error);
        }

        var update = new CardUpdate(
            0, options.TimeProvider.GetUtcNow(), "streaming", guid, key, content,
            body.GetBool("isFull") ?? false, body.GetBool("isFinalize") ?? false, body.GetBool("isError") ?? false);
        lock (card!.Gate)
        {
            error = Apply(card, update with { Sequence = card.History.Count + 1 }, switches);
        }

        return error is not null ? results.Render(error) : results.Success(JsonValue.Create(true));
    }

    private static CardError? Apply(CardInstance card, CardUpdate update, CardSwitches switches)
    {
        var key = update.Key!;
        if (card.AppliedGuids.Contains(update.Guid!))
        {
            card.History.Add(update with { Duplicate = true, State = card.State });
            return null;
        }

        if (switches.RejectUnknownStreamingKey && !card.Template.HasVariable(key))
        {
            return new CardError("unknownError", $"template {card.Template.TemplateId} has no variable '{key}'", StatusCodes.Status500InternalServerError);
        }

        if (!update.IsFull && string.Equals(key, card.Template.StreamingKey, StringComparison.Ordinal))
        {
            return new CardError("param.stream.isFull", $"isFull must be true for markdown variable '{key}'");
        }

        if (switches.RejectUpdatesAfterFinalize && CardStates.IsClosed(card.State))
        {
            return new CardError("param.stream.cardFinished", $"card is {CardStates.Name(card.State).ToLowerInvariant()}");
        }

        var text = update.IsFull ? update.Content! : card.StreamingContent.GetValueOrDefault(key, "") + update.Content;
        if (switches.StreamingSizeLimitEnabled
            && (Encoding.UTF8.GetByteCount(update.Content!) > switches.StreamingMaxBytesPerCall || Encoding.UTF8.GetByteCount(text) > switches.StreamingMaxBytesTotal))
        {
            return new CardError("param.stream.content", "content is too large");
        }

        card.StreamingContent[key] = text;
        card.PublicData[key] = text;
        card.AppliedGuids.Add(update.Guid!);
        if (card.Template.Lifecycle == CardLifecycle.Streaming)
        {
            card.State = update.IsError ? CardState.Failed : update.IsFinalize ? CardState.Finished : CardState.Inputing;
        }

        card.Finalized |= update.IsFinalize || update.IsError;
        card.History.Add(update with { State = card.State });
        return null;
    }
}
