using DingGate.Cli.Logs;
using DingGate.Cli.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.Cli.Tests.Logs;

public sealed class LogsCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dinggate-logs-cmd-" + Guid.NewGuid().ToString("N"));

    public LogsCommandTests()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllLines(Path.Combine(_directory, "dinggate-20261125.jsonl"),
        [
            Line("2026-11-25T10:00:00Z", "debug", "DingGate.DingTalk.Stream.StreamClient", "ping", "main"),
            Line("2026-11-25T10:00:01Z", "info", "DingGate.DingTalk.Stream.StreamClient", "connected", "main"),
        ]);
        File.WriteAllLines(Path.Combine(_directory, "dinggate-20261126.jsonl"),
        [
            Line("2026-11-26T08:00:00Z", "warn", "DingGate.DingTalk.Api.DingTalkApiClient", "throttled", "sales"),
            "this line is not json",
            Line("2026-11-26T08:00:02Z", "error", "DingGate.Agent.Running.AgentRunner", "model failed", "main"),
        ]);
    }

    [Fact]
    public async Task Logs_Default_PrettyLinesOfAllFilesOldestFirst()
    {
        var (code, output, _) = await CliRun.RunAsync("logs", "--dir", _directory);

        var lines = output.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(0, code);
        Assert.Equal(5, lines.Length);
        Assert.EndsWith("debug [main] StreamClient: ping", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("warn  [sales] DingTalkApiClient: throttled", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("this line is not json", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("error [main] AgentRunner: model failed", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_LevelAndAccount_OnlyMatchingLines()
    {
        var (code, output, _) = await CliRun.RunAsync("logs", "--dir", _directory, "--level", "warning", "--account", "main");

        Assert.Equal(0, code);
        Assert.DoesNotContain("ping", output, StringComparison.Ordinal);
        Assert.DoesNotContain("connected", output, StringComparison.Ordinal);
        Assert.DoesNotContain("throttled", output, StringComparison.Ordinal);
        Assert.Contains("model failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_JsonAndLines_RawLastLines()
    {
        var (code, output, _) = await CliRun.RunAsync("logs", "--dir", _directory, "--json", "-n", "1");

        Assert.Equal(0, code);
        Assert.Equal(Line("2026-11-26T08:00:02Z", "error", "DingGate.Agent.Running.AgentRunner", "model failed", "main"), output.Trim());
    }

    [Theory]
    [InlineData("--level", "loud", "--level must be one of")]
    [InlineData("--lines", "-3", "--lines must be 0 or more")]
    public async Task Logs_BadArguments_Exit2WithReason(string option, string value, string expected)
    {
        var (code, _, error) = await CliRun.RunAsync("logs", "--dir", _directory, option, value);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_NoDirectory_SaysSoExit0()
    {
        var missing = Path.Combine(_directory, "missing");

        var (code, output, error) = await CliRun.RunAsync("logs", "--dir", missing);

        Assert.Equal(0, code);
        Assert.Empty(output);
        Assert.Contains("no logs yet in " + missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadNew_AfterTail_OnlyCompleteNewLinesThenNextDaysFile()
    {
        var reader = new LogDirectoryReader(_directory, new LogFilter(null, null));
        var tail = await reader.TailAsync(2, CancellationToken.None);
        var today = Path.Combine(_directory, "dinggate-20261126.jsonl");

        await File.AppendAllTextAsync(today, Line("2026-11-26T09:00:00Z", "info", "X", "appended", null) + "\n{\"message\":\"half writ");
        var first = await reader.ReadNewAsync(CancellationToken.None);
        await File.AppendAllTextAsync(today, "ten\"}\n");
        await File.WriteAllTextAsync(Path.Combine(_directory, "dinggate-20261127.jsonl"), Line("2026-11-27T00:00:01Z", "info", "X", "next day", null) + "\n");
        var second = await reader.ReadNewAsync(CancellationToken.None);
        var third = await reader.ReadNewAsync(CancellationToken.None);

        Assert.Equal(["this line is not json", "model failed"], tail.Select(e => e.Message));
        Assert.Equal(["appended"], first.Select(e => e.Message));
        Assert.Equal(["half written", "next day"], second.Select(e => e.Message));
        Assert.Empty(third);
    }

    [Fact]
    public async Task Follow_LinesAppendedWhileRunning_EachPrintedOnceUntilCancelled()
    {
        var time = new FakeTimeProvider();
        var output = new CapturingWriter();
        using var stop = new CancellationTokenSource();
        var options = new LogsOptions { Directory = _directory, Follow = true, Time = time, Zone = TimeZoneInfo.Utc };
        var run = LogsRunner.RunAsync(options, output, new CapturingWriter(), stop.Token);

        await File.WriteAllTextAsync(Path.Combine(_directory, "dinggate-20261127.jsonl"), Line("2026-11-27T00:00:01Z", "info", "X", "next day", null) + "\n");
        await AdvanceUntilAsync(time, () => output.ToString().Contains("next day", StringComparison.Ordinal));
        time.Advance(TimeSpan.FromSeconds(5));
        await stop.CancelAsync();
        var code = await run;

        var lines = output.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(0, code);
        Assert.Equal(6, lines.Length);
        Assert.Equal("2026-11-27 00:00:01 info  X: next day", lines[^1]);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5, timeout.Token);
        }
    }

    private static string Line(string ts, string level, string category, string message, string? account) =>
        account is null
            ? $"{{\"ts\":\"{ts}\",\"level\":\"{level}\",\"category\":\"{category}\",\"message\":\"{message}\"}}"
            : $"{{\"ts\":\"{ts}\",\"level\":\"{level}\",\"category\":\"{category}\",\"message\":\"{message}\",\"scopes\":{{\"Account\":\"{account}\"}}}}";
}
