namespace DingGate.Core.Configuration;

/// <summary><c>gateway.admin</c>: the admin endpoint's access rules.</summary>
public sealed class GatewayAdminSettings
{
    /// <summary>
    /// Whether <c>/metrics</c> needs the admin token (default true). False lets a Prometheus on this machine scrape it
    /// without one (the endpoint listens on 127.0.0.1 only); <c>/status</c> and the POST routes always need it.
    /// </summary>
    public bool? MetricsAuth { get; set; }
}
