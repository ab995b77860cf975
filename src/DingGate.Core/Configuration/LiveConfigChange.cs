namespace DingGate.Core.Configuration;

/// <summary>One replacement of the <see cref="LiveConfig"/>.</summary>
public sealed record LiveConfigChange(DinggateConfig Previous, DinggateConfig Current);
