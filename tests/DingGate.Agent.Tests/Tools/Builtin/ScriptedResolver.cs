using System.Net;
using System.Net.Sockets;
using DingGate.Agent.Tools.Builtin;

namespace DingGate.Agent.Tests.Tools.Builtin;

// Name resolution the test controls: each name answers its scripted addresses in turn (the last one repeats), so a
// name can change its answer between the guard's check and the connection (DNS rebinding). Unknown names fail.
internal sealed class ScriptedResolver : IHostResolver
{
    private readonly Dictionary<string, Queue<IPAddress[]>> _answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    public ScriptedResolver Answer(string host, params string[][] answers)
    {
        _answers[host] = new Queue<IPAddress[]>(answers.Select(a => a.Select(IPAddress.Parse).ToArray()));
        return this;
    }

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_answers.TryGetValue(host, out var queue) || queue.Count == 0)
            {
                throw new SocketException((int)SocketError.HostNotFound);
            }

            return Task.FromResult(queue.Count > 1 ? queue.Dequeue() : queue.Peek());
        }
    }
}
