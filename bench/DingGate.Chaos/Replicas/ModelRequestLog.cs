using System.Collections.Concurrent;
using DingGate.Chaos.Rig;

namespace DingGate.Chaos.Replicas;

/// <summary>
/// Every request the scripted model got, as the tokens of its user messages in order: the last is the message being
/// answered, the others are the history the answering replica read from the shared store.
/// </summary>
internal sealed class ModelRequestLog
{
    private readonly ConcurrentQueue<ModelRequest> _requests = new();

    public IReadOnlyList<ModelRequest> Requests => _requests.ToArray();

    public void Observe(IReadOnlyList<string> userTexts)
    {
        var tokens = userTexts.Select(t => ChaosAnswer.TokenPattern().Matches(t) is { Count: > 0 } m ? m[^1].Value : null).ToList();
        if (tokens.Count > 0 && tokens[^1] is { } current)
        {
            _requests.Enqueue(new ModelRequest(current, tokens.Take(tokens.Count - 1).OfType<string>().ToList()));
        }
    }
}
