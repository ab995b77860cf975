using System.Diagnostics;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.Cli.Tests.Operations;

// Service accounts such as nobody have a HOME that does not exist (/nonexistent) or cannot be written. Every verb runs
// as the real program (HOME only reaches a child process) and ends with a clear line and an exit code, never with an
// unhandled exception or a stack trace; with --config and a missing home the config verbs simply work.
public sealed class MissingHomeTests : IDisposable
{
    private static readonly string[][] Verbs =
    [
        ["config", "validate"],
        ["config", "validate", "--config", "{config}"],
        ["config", "get", "channels.dingtalk.clientId", "--config", "{config}"],
        ["config", "set", "gateway.logLevel", "debug", "--config", "{config}"],
        ["pairing", "list", "--config", "{config}"],
        ["allow", "list", "--config", "{config}"],
        ["outbox", "list", "--config", "{config}"],
        ["logs", "--config", "{config}"],
        ["gateway", "status", "--config", "{config}"],
        ["channels", "list", "--config", "{config}"],
        ["doctor", "--config", "{config}"],
        ["gateway", "--config", "{config}"],
    ];

    private readonly TempDirectory _temp = new();

    public MissingHomeTests() => Directory.CreateDirectory(_temp.Path);

    public static TheoryData<int> VerbIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Verbs.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VerbIndexes))]
    public async Task HomeBehindAFile_EveryVerb_OneClearLineAndAnExitCode(int verb)
    {
        var blocker = Path.Combine(_temp.Path, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "x");
        var home = Path.Combine(blocker, "home");

        var (code, output, error) = await RunAsync(home, Args(verb));

        var all = output + error;
        Assert.DoesNotContain("unexpected error", all, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.False(code != 0 && all.Trim().Length == 0, $"exit {code} without a word");
        if (code == 73)
        {
            Assert.Contains($"cannot create the directory {home}", error, StringComparison.Ordinal);
            Assert.Contains($"{blocker} is a file, not a directory", error, StringComparison.Ordinal);
            Assert.Contains("gateway.stateDir", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HomeMissing_ConfigValidateWithConfig_Works()
    {
        var (code, output, error) = await RunAsync(Path.Combine(_temp.Path, "nonexistent"), ["config", "validate", "--config", ConfigPath()]);

        Assert.Equal(0, code);
        Assert.Contains("Configuration OK", output, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected error", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomeBehindAFile_Gateway_Exit73NamingTheStateDirectory()
    {
        var blocker = Path.Combine(_temp.Path, "file");
        await File.WriteAllTextAsync(blocker, "x");

        var (code, _, error) = await RunAsync(Path.Combine(blocker, "home"), ["gateway", "--config", ConfigPath()]);

        Assert.Equal(73, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("dinggate gateway: cannot create the directory " + Path.Combine(blocker, "home", ".dinggate"), error, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private string[] Args(int verb) => [.. Verbs[verb].Select(a => a == "{config}" ? ConfigPath() : a)];

    private string ConfigPath()
    {
        var path = Path.Combine(_temp.Path, "dinggate.json5");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, """
                { channels: { dingtalk: { clientId: "dingx", clientSecret: "s", endpoints: { api: "http://127.0.0.1:9/", oapi: "http://127.0.0.1:9/" } } } }
                """);
        }

        return path;
    }

    // The built program in a child process, with HOME set and nothing inherited that names the state or config.
    private static async Task<(int Code, string Output, string Error)> RunAsync(string home, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dinggate.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOME"] = home;
        info.Environment.Remove("DINGGATE_STATE_DIR");
        info.Environment.Remove("DINGGATE_CONFIG");
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dinggate {string.Join(' ', args)} did not exit: {await output}{await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
