using System.Text.Json.Nodes;
using DingGate.Cli.Gateway.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.Cli.Tests.Gateway;

public sealed class JsonlFileLoggerTests : IDisposable
{
    private const string Secret = "s3cr3t-client-secret-value";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dinggate-logs-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 23, 59, 0, TimeSpan.Zero));

    [Fact]
    public async Task Log_SecretInMessagePropsScopeAndException_WrittenAsStars()
    {
        await using (var provider = Provider(LogLevel.Information))
        {
            var logger = provider.CreateLogger("DingGate.Test");
            using (logger.BeginScope(new Dictionary<string, object> { ["Account"] = "main", ["Leak"] = Secret }))
            {
                logger.Log(LogLevel.Warning, new EventId(42), new InvalidOperationException("refused " + Secret), "Token call {Body} failed", "appSecret=" + Secret);
            }
        }

        var text = await File.ReadAllTextAsync(Path.Combine(_directory, "dinggate-20261125.jsonl"));
        var line = JsonNode.Parse(text.Trim())!;

        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.Equal("warn", line["level"]!.GetValue<string>());
        Assert.Equal(42, line["eventId"]!.GetValue<int>());
        Assert.Equal("DingGate.Test", line["category"]!.GetValue<string>());
        Assert.Equal("Token call appSecret=*** failed", line["message"]!.GetValue<string>());
        Assert.Equal("appSecret=***", line["props"]!["Body"]!.GetValue<string>());
        Assert.Equal("main", line["scopes"]!["Account"]!.GetValue<string>());
        Assert.Equal("***", line["scopes"]!["Leak"]!.GetValue<string>());
        Assert.Contains("refused ***", line["exception"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_AcrossUtcMidnight_OneFilePerDay()
    {
        await using (var provider = Provider(LogLevel.Information))
        {
            var logger = provider.CreateLogger("DingGate.Test");
            logger.LogInformation("before midnight");
            _time.Advance(TimeSpan.FromMinutes(2));
            logger.LogInformation("after midnight");
        }

        var first = await File.ReadAllLinesAsync(Path.Combine(_directory, "dinggate-20261125.jsonl"));
        var second = await File.ReadAllLinesAsync(Path.Combine(_directory, "dinggate-20261126.jsonl"));

        Assert.Equal("before midnight", JsonNode.Parse(Assert.Single(first))!["message"]!.GetValue<string>());
        Assert.Equal("after midnight", JsonNode.Parse(Assert.Single(second))!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Log_BelowMinimumLevel_NotWritten()
    {
        await using (var provider = Provider(LogLevel.Information))
        {
            var logger = provider.CreateLogger("DingGate.Test");
            logger.LogDebug("hidden");
            logger.LogError("shown");
        }

        var lines = await File.ReadAllLinesAsync(Path.Combine(_directory, "dinggate-20261125.jsonl"));

        Assert.Equal("shown", JsonNode.Parse(Assert.Single(lines))!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Log_ExistingFile_Appended()
    {
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, "dinggate-20261125.jsonl"), "{\"message\":\"earlier run\"}\n");

        await using (var provider = Provider(LogLevel.Information))
        {
            provider.CreateLogger("DingGate.Test").LogInformation("this run");
        }

        var lines = await File.ReadAllLinesAsync(Path.Combine(_directory, "dinggate-20261125.jsonl"));

        Assert.Equal(["earlier run", "this run"], lines.Select(l => JsonNode.Parse(l)!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Log_DirectoryReplacedByFile_LineDroppedThenLoggingRecovers()
    {
        var provider = Provider(LogLevel.Information);
        var logger = provider.CreateLogger("DingGate.Test");
        Directory.Delete(_directory);
        await File.WriteAllTextAsync(_directory, "not a directory");
        logger.LogInformation("lost");
        await WaitUntilAsync(() => provider.Writer.Dropped == 1);
        File.Delete(_directory);

        logger.LogInformation("kept");
        await provider.DisposeAsync();

        var lines = await File.ReadAllLinesAsync(Path.Combine(_directory, "dinggate-20261125.jsonl"));
        Assert.Equal("kept", JsonNode.Parse(Assert.Single(lines))!["message"]!.GetValue<string>());
        Assert.Equal(1, provider.Writer.Dropped);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
        else if (File.Exists(_directory))
        {
            File.Delete(_directory);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private JsonlFileLoggerProvider Provider(LogLevel level) => new(_directory, level, new DingGate.Core.Secrets.SecretRedactor([Secret, null, "x"]), _time);
}
