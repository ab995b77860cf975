using System.Text.Json.Serialization;

namespace DingGate.DingTalk.Inbound.Models;

/// <summary>
/// Source-generated JSON metadata for the bot-message payload. Scalars are read leniently (numbers as strings and the
/// reverse, odd shapes as null) and property names are matched exactly, since DingTalk uses both <c>msgtype</c> and
/// <c>msgType</c> with different meanings.
/// </summary>
[JsonSourceGenerationOptions(
    Converters = [typeof(LenientStringConverter), typeof(LenientInt64Converter), typeof(LenientBooleanConverter)],
    AllowTrailingCommas = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    MaxDepth = 64)]
[JsonSerializable(typeof(BotMessagePayload))]
[JsonSerializable(typeof(AtUserDto))]
[JsonSerializable(typeof(TextBodyDto))]
[JsonSerializable(typeof(RepliedMessageDto))]
[JsonSerializable(typeof(MessageContentDto))]
[JsonSerializable(typeof(RichTextSegmentDto))]
[JsonSerializable(typeof(QuoteMessageDto))]
internal sealed partial class InboundJsonContext : JsonSerializerContext;
