namespace DingGate.Chaos.Tests.Suite;

/// <summary>
/// The suites that run whole gateway processes under load (the chaos short form, the replicas short forms) share a
/// collection so xunit runs them one after the other: on a 2-core runner side by side they would judge each other's load.
/// </summary>
[CollectionDefinition(Name)]
public sealed class GatewayProcessSuites
{
    public const string Name = "Gateway process suites";
}
