namespace DingGate.Core.Storage;

/// <summary>
/// A durable record of one push as received: enough to process it again after a crash (<see cref="Payload"/> is the
/// raw business payload, e.g. the decoded <c>data</c> JSON of a DingTalk frame).
/// </summary>
/// <param name="AccountId">Account that received it.</param>
/// <param name="MessageKey">Dedup key within the account (DingTalk msgId, else the frame messageId).</param>
/// <param name="Topic">Channel topic (e.g. <c>/v1.0/im/bot/messages/get</c>).</param>
/// <param name="Payload">Raw payload text.</param>
/// <param name="ReceivedAt">When it was journaled.</param>
/// <param name="State">Where it is in its life.</param>
/// <param name="Attempts">How many times processing started.</param>
/// <param name="Detail">Last error or note.</param>
/// <param name="LeaseOwner">Replica working on it (clustered only; null: anyone may claim it).</param>
/// <param name="LeaseUntil">Until when <paramref name="LeaseOwner"/>'s claim holds unless renewed (clustered only).</param>
/// <param name="Lane">The conversation it belongs to (<c>conversation:&lt;id&gt;</c>; clustered only): turns of one lane run in arrival order across replicas.</param>
public sealed record InboundJournalEntry(
    string AccountId, string MessageKey, string Topic, string Payload, DateTimeOffset ReceivedAt,
    InboundState State = InboundState.Received, int Attempts = 0, string? Detail = null,
    string? LeaseOwner = null, DateTimeOffset? LeaseUntil = null, string? Lane = null);
