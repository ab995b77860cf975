namespace DingGate.Emulator.Stream;

/// <summary>How the emulator spreads one app's pushes over that app's live connections (spec §1.9).</summary>
public enum StreamSpread
{
    /// <summary>One eligible connection picked at random per attempt, from the seeded generator (DingTalk's documented behaviour).</summary>
    Random,

    /// <summary>The app's eligible connections in turn (opening order), for even, repeatable spreads in tests.</summary>
    RoundRobin,
}
