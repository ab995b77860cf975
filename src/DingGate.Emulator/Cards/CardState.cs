namespace DingGate.Emulator.Cards;

/// <summary>
/// AI card states (spec §6.4); the numeric <c>flowStatus</c> variable maps "1".."5" onto them. What moves them depends
/// on the template's <see cref="CardLifecycle"/>: flowStatus alone (built-in AI card) or streaming as noted below.
/// </summary>
internal enum CardState
{
    /// <summary>处理中, flowStatus "1": delivered, not streamed yet.</summary>
    Processing,

    /// <summary>输入中, flowStatus "2" (streaming-driven templates: after the first streaming update).</summary>
    Inputing,

    /// <summary>完成, flowStatus "3" (streaming-driven templates: <c>isFinalize=true</c>).</summary>
    Finished,

    /// <summary>执行中, flowStatus "4" (OC calls it STOPPED).</summary>
    Executing,

    /// <summary>失败, flowStatus "5" (streaming-driven templates: <c>isError=true</c>).</summary>
    Failed,
}
