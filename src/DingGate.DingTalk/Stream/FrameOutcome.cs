namespace DingGate.DingTalk.Stream;

/// <summary>What the session must do after a frame.</summary>
internal enum FrameOutcome
{
    /// <summary>Keep reading.</summary>
    Continue,

    /// <summary>SYSTEM disconnect: the server goes away; open a new connection now.</summary>
    GoAway,
}
