namespace DingGate.Core.Storage;

/// <summary>A pending pairing: an unknown DM sender was given <paramref name="Code"/>; an owner approves it.</summary>
/// <param name="AccountId">Account the sender wrote to.</param>
/// <param name="Code">The code shown to the sender (8 characters, unambiguous alphabet).</param>
/// <param name="UserId">The sender's user id (staff id).</param>
/// <param name="Nick">The sender's display name.</param>
/// <param name="ConversationId">The 1:1 conversation, to tell the sender when approved.</param>
/// <param name="CreatedAt">When the code was issued.</param>
/// <param name="ExpiresAt">When the code stops being valid.</param>
public sealed record PairingRequest(
    string AccountId, string Code, string UserId, string Nick, string ConversationId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
