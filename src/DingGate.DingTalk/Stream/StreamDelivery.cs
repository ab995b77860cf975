namespace DingGate.DingTalk.Stream;

/// <summary>
/// One journaled and ACKed push handed to the dispatcher: the raw <see cref="Data"/> payload (a JSON string), its
/// topic and headers, and the journal key. Redeliveries of an already journaled key are not delivered again.
/// </summary>
/// <param name="AccountId">Account that received it.</param>
/// <param name="Type">Frame type: CALLBACK or EVENT.</param>
/// <param name="Topic">Frame topic, e.g. <c>/v1.0/im/bot/messages/get</c>.</param>
/// <param name="Headers">All frame headers as received.</param>
/// <param name="Data">The frame's data (decoded JSON text of the payload).</param>
/// <param name="MessageKey">Journal/dedup key: data.msgId for bot messages, eventId for events, else headers.messageId.</param>
/// <param name="ReceivedAt">When the frame arrived.</param>
/// <param name="IsDuplicate">Always false today (duplicates are ACKed and dropped); kept for a future resume path.</param>
internal sealed record StreamDelivery(
    string AccountId,
    string Type,
    string Topic,
    IReadOnlyDictionary<string, string> Headers,
    string Data,
    string MessageKey,
    DateTimeOffset ReceivedAt,
    bool IsDuplicate = false);
