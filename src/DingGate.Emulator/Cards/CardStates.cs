namespace DingGate.Emulator.Cards;

/// <summary>Conversions between <see cref="CardState"/>, the <c>flowStatus</c> variable and wire names.</summary>
internal static class CardStates
{
    public const string FlowStatusKey = "flowStatus";

    public static CardState? FromFlowStatus(string? value) => value switch
    {
        "1" => CardState.Processing,
        "2" => CardState.Inputing,
        "3" => CardState.Finished,
        "4" => CardState.Executing,
        "5" => CardState.Failed,
        _ => null,
    };

    /// <summary>Upper-case name as SDK-py spells it: PROCESSING, INPUTING, FINISHED, EXECUTING, FAILED.</summary>
    public static string Name(CardState state) => state.ToString().ToUpperInvariant();

    public static bool IsClosed(CardState state) => state is CardState.Finished or CardState.Failed;

    /// <summary>The user sees the loading animation: the card is in any state but FINISHED or FAILED.</summary>
    public static bool IsSpinning(CardState state) => !IsClosed(state);

    public static string Name(CardLifecycle lifecycle) => lifecycle == CardLifecycle.FlowStatus ? "flowStatus" : "streaming";
}
