using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DingGate.Agent.Providers;
using DingGate.Cli.Sandbox;
using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Cli.Tests.Sandbox;

/// <summary>
/// <c>dinggate sandbox</c> run in-process on 127.0.0.1:0 with a temporary state directory (and optionally a fake model),
/// plus the small client a test needs: inject a user message, wait for the bot's answer as the emulator recorded it.
/// </summary>
internal sealed class RunningSandbox : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stop = new();

    private RunningSandbox(string stateDirectory) => StateDirectory = stateDirectory;

    public Uri Url { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public string StateDirectory { get; }

    public CapturingWriter Output { get; } = new();

    public CapturingWriter Error { get; } = new();

    public Task<int> Completion { get; private set; } = Task.FromResult(0);

    // locale: channels.dingtalk.locale of the user's config (null: no config, the default zh-CN).
    public static async Task<RunningSandbox> StartAsync(IChatClient? model = null, string? locale = null)
    {
        var sandbox = new RunningSandbox(Path.Combine(Path.GetTempPath(), "dinggate-sandbox-test-" + Guid.NewGuid().ToString("N")[..12]));
        var started = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new SandboxRunOptions
        {
            Port = 0, StateDirectory = sandbox.StateDirectory, Started = url => started.TrySetResult(url),
            UserConfig = locale is null ? null : new DinggateConfig { Channels = { Dingtalk = new DingTalkChannelSettings { Locale = locale } } },
            ConfigureServices = model is null ? null : services => services.AddSingleton<IChatClientProvider>(new ScriptedChatClientProvider(model)),
        };
        sandbox.Completion = SandboxRunner.RunAsync(options, sandbox.Output, sandbox.Error, sandbox._stop.Token);
        var first = await Task.WhenAny(started.Task, sandbox.Completion).WaitAsync(Patience);
        if (first != started.Task)
        {
            throw new InvalidOperationException($"the sandbox exited with {await sandbox.Completion}: {sandbox.Error}");
        }

        sandbox.Url = await started.Task;
        sandbox.Http = new HttpClient { BaseAddress = sandbox.Url };
        return sandbox;
    }

    /// <summary>A user's message to the bot (DM unless a group id is given); returns the conversation id.</summary>
    public async Task<string> SayAsync(string from, string text, string conversation = "dm")
    {
        using var response = await Http.PostAsJsonAsync("/_emulator/messages", new { from, text, conversation });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(response.IsSuccessStatusCode, $"inject failed: {body}");
        Assert.True(body!["delivered"]!.GetValue<bool>(), $"not pushed to the gateway: {body}");
        return body["conversationId"]!.GetValue<string>();
    }

    /// <summary>The first bot message in the conversation matching <paramref name="match"/> (the recorded entry).</summary>
    public Task<JsonObject> WaitForBotMessageAsync(string conversationId, Func<JsonObject, bool> match, string what) =>
        WaitUntilAsync(async () => (await EntriesAsync(conversationId)).FirstOrDefault(e => e["fromBot"]!.GetValue<bool>() && match(e)), what);

    /// <summary>The first finalized AI card in the conversation (the emulator's card view: state, streamingContent…).</summary>
    public Task<JsonObject> WaitForFinalizedCardAsync(string conversationId) => WaitUntilAsync(async () =>
    {
        foreach (var entry in (await EntriesAsync(conversationId)).Where(e => e["kind"]!.GetValue<string>() == "card"))
        {
            var card = await Http.GetFromJsonAsync<JsonObject>($"/_emulator/cards/{Uri.EscapeDataString(entry["outTrackId"]!.GetValue<string>())}");
            if (card!["finalized"]!.GetValue<bool>() && !card["spinning"]!.GetValue<bool>())
            {
                return card;
            }
        }

        return null;
    }, "a finalized AI card in " + conversationId);

    public async Task<JsonObject[]> EntriesAsync(string conversationId) =>
        (await Http.GetFromJsonAsync<JsonArray>($"/_emulator/conversations/{Uri.EscapeDataString(conversationId)}"))!.Select(e => e!.AsObject()).ToArray();

    public static string CardText(JsonObject card) => card["streamingContent"]!.AsObject().Select(p => p.Value!.GetValue<string>()).FirstOrDefault() ?? string.Empty;

    public static string MessageText(JsonObject entry) => entry["content"]!["text"]?.GetValue<string>() ?? entry["content"]!["content"]?.GetValue<string>() ?? string.Empty;

    // Polls (real time, generous deadline) until the probe finds something: the gateway works on its own threads.
    public static async Task<T> WaitUntilAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {Patience.TotalSeconds} s for {what}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Completion.WaitAsync(Patience);
        Http?.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a temporary directory.
        }
    }
}
