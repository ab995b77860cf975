using System.Net;

namespace DingGate.Agent.Tools.Builtin;

// Name resolution for the URL guard (the system's DNS; tests give a name any addresses they like).
internal interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
