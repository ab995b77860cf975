namespace DingGate.Emulator.Recording;

/// <summary>Direction of a WebSocket frame relative to the emulator.</summary>
internal enum FrameDirection
{
    /// <summary>Emulator → client (SYSTEM, EVENT, CALLBACK pushes).</summary>
    Out,

    /// <summary>Client → emulator (ACKs, pongs, anything else).</summary>
    In,
}
