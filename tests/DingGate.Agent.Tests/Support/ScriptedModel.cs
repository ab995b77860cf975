using DingGate.Core.Configuration;
using Microsoft.AspNetCore.Http;

namespace DingGate.Agent.Tests.Support;

// A real OpenAI-compatible Kestrel server whose n-th request gets the n-th scripted step (the last step repeats):
// text, or tool calls. Records every request (FakeModelServer.Requests).
internal sealed class ScriptedModel : IAsyncDisposable
{
    private readonly IReadOnlyList<Step> _steps;
    private int _served;

    private ScriptedModel(IReadOnlyList<Step> steps) => _steps = steps;

    public FakeModelServer Server { get; private set; } = null!;

    public ModelSettings Model => new() { Provider = "openai", BaseUrl = new Uri(Server.BaseAddress, "/v1"), Model = "qwen-plus", ApiKey = "sk-test" };

    public static Step Text(params string[] deltas) => new(deltas, []);

    public static Step Calls(params (string Id, string Name, string Arguments)[] calls) => new([], calls);

    public static async Task<ScriptedModel> StartAsync(params Step[] steps)
    {
        var model = new ScriptedModel(steps);
        model.Server = await FakeModelServer.StartAsync("/v1/chat/completions", model.RespondAsync);
        return model;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private Task RespondAsync(HttpContext context, System.Text.Json.Nodes.JsonNode json)
    {
        var step = _steps[Math.Min(Interlocked.Increment(ref _served) - 1, _steps.Count - 1)];
        var usage = json["stream_options"]?["include_usage"]?.GetValue<bool>() == true;
        return step.Calls.Count > 0
            ? OpenAiSse.ToolCallsAsync(context, "qwen-plus", step.Calls, usage)
            : OpenAiSse.StreamAsync(context, "qwen-plus", step.Deltas, usage);
    }

    internal sealed record Step(IReadOnlyList<string> Deltas, IReadOnlyList<(string Id, string Name, string Arguments)> Calls);
}
