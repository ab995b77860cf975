using System.Text.RegularExpressions;

namespace DingGate.Cli.Tests.Support;

/// <summary>Runs <c>dinggate</c> in-process, either to completion or as a server that the test stops by cancelling.</summary>
internal sealed partial class CliRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private CliRun(string[] args)
    {
        Completion = DinggateCli.RunAsync(args, Output, Error, _stop.Token);
    }

    public CapturingWriter Output { get; } = new();

    public CapturingWriter Error { get; } = new();

    public Task<int> Completion { get; }

    public static CliRun Start(params string[] args) => new(args);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        await using var run = Start(args);
        var code = await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        return (code, run.Output.ToString(), run.Error.ToString());
    }

    /// <summary>Waits (real time, generous) until the server printed its banner, and returns the listening URL.</summary>
    public async Task<Uri> WaitForListeningAsync()
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var text = Output.ToString();
            if (text.Contains("Press Ctrl+C to stop.", StringComparison.Ordinal))
            {
                return new Uri(ListeningOn().Match(text).Groups["url"].Value);
            }

            if (Completion.IsCompleted)
            {
                throw new InvalidOperationException($"CLI exited with {Completion.Result}: {Error}");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the emulator did not print its banner: " + Output + Error);
    }

    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!Completion.IsCompleted)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }

    [GeneratedRegex(@"listening on\s+(?<url>\S+)")]
    private static partial Regex ListeningOn();
}
