namespace DingGate.Emulator.Cards;

/// <summary>
/// One card (keyed by <c>outTrackId</c>) and everything that happened to it. Mutable: every read or write of the
/// mutable members happens while holding <see cref="Gate"/>.
/// </summary>
internal sealed class CardInstance
{
    public required string OutTrackId { get; init; }

    public required CardTemplate Template { get; init; }

    /// <summary>Client id of the app that created the card; other apps do not see it.</summary>
    public required string OwnerClientId { get; init; }

    public required string RobotCode { get; init; }

    public required string CorpId { get; init; }

    /// <summary><c>STREAM</c>, <c>HTTP</c> or null (no button callbacks).</summary>
    public string? CallbackType { get; init; }

    /// <summary>1 = userId (default), 2 = unionId: how user ids in privateData, spaces and callbacks are spelled.</summary>
    public int UserIdType { get; init; } = 1;

    public required DateTimeOffset CreatedAt { get; init; }

    public Lock Gate { get; } = new();

    public Dictionary<string, string> PublicData { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Dictionary<string, string>> PrivateData { get; } = new(StringComparer.Ordinal);

    public List<CardSpace> Spaces { get; } = [];

    public CardState State { get; set; } = CardState.Processing;

    /// <summary>
    /// Current text of every variable that received streaming updates. A streamed key is a template variable like any
    /// other, so <see cref="ApplyData"/> keeps it in step when <c>PUT /v1.0/card/instances</c> sets that variable.
    /// </summary>
    public Dictionary<string, string> StreamingContent { get; } = new(StringComparer.Ordinal);

    /// <summary>True once a streaming call carried <c>isFinalize</c> or <c>isError</c>.</summary>
    public bool Finalized { get; set; }

    public HashSet<string> AppliedGuids { get; } = new(StringComparer.Ordinal);

    public List<CardUpdate> History { get; } = [];

    /// <summary>
    /// Applies public and private variables (§6.3): by key merges, otherwise the public map and each given user's map
    /// are replaced. A changed <c>flowStatus</c> moves <see cref="State"/>. Caller holds <see cref="Gate"/>.
    /// </summary>
    public void ApplyData(
        IReadOnlyDictionary<string, string>? publicData, bool publicByKey,
        IReadOnlyDictionary<string, Dictionary<string, string>>? privateData, bool privateByKey)
    {
        PublicData.TryGetValue(CardStates.FlowStatusKey, out var flowBefore);
        if (publicData is not null)
        {
            if (!publicByKey)
            {
                PublicData.Clear();
            }

            foreach (var (key, value) in publicData)
            {
                PublicData[key] = value;
            }
        }

        foreach (var (userId, map) in privateData ?? new Dictionary<string, Dictionary<string, string>>())
        {
            if (!privateByKey || !PrivateData.TryGetValue(userId, out var existing))
            {
                PrivateData[userId] = new Dictionary<string, string>(map, StringComparer.Ordinal);
                continue;
            }

            foreach (var (key, value) in map)
            {
                existing[key] = value;
            }
        }

        // One variable, two APIs: an instances update of a streamed key (SDK-py's ai_finish puts msgContent with flowStatus
        // "3") is what the card shows from then on.
        foreach (var key in StreamingContent.Keys.ToList())
        {
            if (PublicData.TryGetValue(key, out var value))
            {
                StreamingContent[key] = value;
            }
        }

        PublicData.TryGetValue(CardStates.FlowStatusKey, out var flowAfter);
        if (!string.Equals(flowBefore, flowAfter, StringComparison.Ordinal) && CardStates.FromFlowStatus(flowAfter) is { } state)
        {
            State = state;
        }
    }
}
