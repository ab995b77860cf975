namespace DingGate.Chaos.Rig;

/// <summary>
/// The chaos model: the shared <see cref="OpenAiStreamServer"/> answering the last user message's token with
/// <c>Answer to cx000042: all good (end cx000042)</c>, streamed in four deltas over the given delay, the token in the
/// first delta so even a partial card names its message.
/// </summary>
internal sealed class ScriptedModelServer : IAsyncDisposable
{
    private readonly OpenAiStreamServer _server;

    private ScriptedModelServer(OpenAiStreamServer server) => _server = server;

    public Uri BaseUrl => _server.BaseUrl;

    public long Requests => _server.Requests;

    /// <summary>Starts the model; <paramref name="observe"/> gets the user messages of every request (replicas mode records them).</summary>
    public static async Task<ScriptedModelServer> StartAsync(TimeSpan delay, CancellationToken cancellationToken, Action<IReadOnlyList<string>>? observe = null)
    {
        var server = await OpenAiStreamServer.StartAsync(text => Script(text, delay), cancellationToken, observe);
        return new ScriptedModelServer(server);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static ModelScript Script(string? userText, TimeSpan delay)
    {
        var matches = userText is null ? null : ChaosAnswer.TokenPattern().Matches(userText);
        var token = matches is { Count: > 0 } ? matches[^1].Value : "cx??????";
        var deltas = ChaosAnswer.Deltas(token);
        return new ModelScript(deltas, delay / deltas.Count);
    }
}
