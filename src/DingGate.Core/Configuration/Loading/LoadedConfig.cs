namespace DingGate.Core.Configuration.Loading;

/// <summary>A configuration that loaded and validated.</summary>
/// <param name="Config">The bound configuration.</param>
/// <param name="Warnings">Unknown and legacy keys (never fatal).</param>
/// <param name="Path">The file it came from.</param>
/// <param name="StateDirectory">Where state lives: <c>DINGGATE_STATE_DIR</c>, else <c>gateway.stateDir</c>, else <c>~/.dinggate</c>.</param>
public sealed record LoadedConfig(DinggateConfig Config, IReadOnlyList<ConfigWarning> Warnings, string Path, string StateDirectory);
