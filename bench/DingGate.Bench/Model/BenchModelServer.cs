using DingGate.Harness;

namespace DingGate.Bench.Model;

/// <summary>
/// The fake model for a gateway in its own process: the shared OpenAI-compatible server streaming what
/// <see cref="BenchChatClient"/> streams in-process (the answer of the size the user's text asks for, in deltas of
/// <see cref="AnswerScript.DeltaChars"/>, at once or at the asked characters per second), ending with
/// <see cref="AnswerScript.EndMarker"/>.
/// </summary>
internal sealed class BenchModelServer : IAsyncDisposable
{
    private readonly OpenAiStreamServer _server;

    private BenchModelServer(OpenAiStreamServer server) => _server = server;

    public Uri BaseUrl => _server.BaseUrl;

    public static async Task<BenchModelServer> StartAsync(CancellationToken cancellationToken)
    {
        var answers = Enum.GetValues<AnswerSize>().ToDictionary(s => s, s => (IReadOnlyList<string>)[.. AnswerScript.Deltas(AnswerScript.Answer(s, endMarker: true))]);
        var server = await OpenAiStreamServer.StartAsync(
            text =>
            {
                var (size, charsPerSecond) = AnswerScript.Parse(text);
                var pause = charsPerSecond > 0 ? TimeSpan.FromSeconds((double)AnswerScript.DeltaChars / charsPerSecond) : TimeSpan.Zero;
                return new ModelScript(answers[size], pause);
            },
            cancellationToken);
        return new BenchModelServer(server);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
