namespace DingGate.Bench.Report;

/// <summary>DingTalk calls one reply made, on the wire (recorded by the emulator) and as the gateway counted them.</summary>
internal sealed record CallsPerReplyRow
{
    public required string Mode { get; init; }

    public required string Size { get; init; }

    public required int AnswerChars { get; init; }

    public required int Replies { get; init; }

    /// <summary>Average calls per reply by endpoint (<c>POST /robot/sendBySession</c>…), from the emulator's record.</summary>
    public required IReadOnlyDictionary<string, double> ByEndpoint { get; init; }

    public required double WireCalls { get; init; }

    /// <summary>The gateway's own count (<c>ReplyOutcome.ApiCalls</c>), to cross-check.</summary>
    public required double GatewayCounted { get; init; }

    public required double Messages { get; init; }

    public required double CompleteMs { get; init; }
}
