using System.Text.Json.Nodes;
using DingGate.Emulator.Control;
using DingGate.Emulator.Http;
using DingGate.Emulator.Stream;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Emulator.Messages;

/// <summary>
/// <c>POST /_emulator/messages</c>: a user says something to the bot. The payload is built and recorded first
/// (<see cref="BotMessageFactory"/>), then pushed as a CALLBACK on <c>/v1.0/im/bot/messages/get</c> through the
/// <see cref="IStreamPusher"/> — 503 when no stream pusher is available.
/// </summary>
internal static class MessageControl
{
    public const string BotMessageTopic = "/v1.0/im/bot/messages/get";

    public static void MapMessageControl(this RouteGroupBuilder group) => group.MapPost("/messages", InjectAsync);

    private static async Task<IResult> InjectAsync(HttpContext context, BotMessageFactory factory)
    {
        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
        var (request, readError) = InjectRequestReader.Read(body);
        if (request is null)
        {
            return ControlResults.BadRequest(readError!);
        }

        (InjectedMessage? Message, string? Error) created;
        try
        {
            created = factory.Create(request);
        }
        catch (FormatException)
        {
            return ControlResults.BadRequest("A 'contentBase64' value is not valid base64.");
        }

        if (created.Message is not { } message)
        {
            return ControlResults.BadRequest(created.Error!);
        }

        var answer = new JsonObject
        {
            ["messageId"] = null, ["msgId"] = message.MsgId, ["conversationId"] = message.ConversationId,
            ["sessionWebhook"] = message.SessionWebhook, ["delivered"] = false,
        };
        if (!message.Deliver)
        {
            answer["reason"] = message.Reason;
            answer["payload"] = message.Payload;
            return Results.Json(answer, EmulatorJson.Options);
        }

        var pusher = context.RequestServices.GetService<IStreamPusher>();
        if (pusher is null)
        {
            return Results.Json(
                new JsonObject { ["error"] = "No stream pusher is available in this emulator: the message was recorded but cannot be pushed.", ["msgId"] = message.MsgId },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var handle = pusher.Push(message.App.ClientId, new StreamPushRequest(
            StreamPushKind.BotMessage, BotMessageTopic, message.Payload.ToJsonString(EmulatorJson.Options)));
        answer["messageId"] = handle.MessageId;
        answer["delivered"] = handle.Delivered;
        if (!handle.Delivered)
        {
            answer["reason"] = "no live, subscribed stream connection for this app; the push stays pending for redelivery";
        }

        answer["payload"] = message.Payload;
        return Results.Json(answer, EmulatorJson.Options);
    }
}
