using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DingGate.DingTalk.Tests.Support;
using DingGate.Tests.Shared;

namespace DingGate.Cli.Tests.Publishing;

// The product as users get it: scripts/publish.sh builds the linux-x64 single file, which then runs with no .NET on
// PATH (an empty PATH, no DOTNET_ROOT, a fresh HOME): --version, the emulator, a gateway answering a message through
// it, and the sandbox answering a message. Slow (a self-contained publish), so it runs once, in one test.
[Trait("Category", "Publish")]
public sealed partial class SingleFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly List<Process> _processes = [];

    [Fact]
    public async Task LinuxX64SingleFile_RunsVersionEmulatorGatewayAndSandbox_WithoutDotnetOnPath()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            return; // the single file under test is linux-x64
        }

        Directory.CreateDirectory(_temp.Path);
        var output = Path.Combine(_temp.Path, "publish");
        await PublishAsync(output);
        var program = Path.Combine(output, "linux-x64", "dinggate");
        Assert.Single(Directory.GetFiles(Path.Combine(output, "linux-x64")));

        var (code, version, _) = await RunToEndAsync(program, "--version");
        Assert.Equal(0, code);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Trim());

        // The emulator alone, and a gateway (the offline demo model: no models configured) connected to it.
        var emulator = Start(program, "emulator", "--port", "0");
        var emulatorUrl = new Uri(await WaitForAsync(emulator, ListeningOn()));
        var config = Path.Combine(_temp.Path, "gateway.json5");
        await File.WriteAllTextAsync(config, $$"""
            {
              gateway: { stateDir: "{{Path.Combine(_temp.Path, "state")}}", adminPort: 0 },
              channels: { dingtalk: { clientId: "dingdemoappkey", clientSecret: "demo-secret", messageType: "markdown", dmPolicy: "open",
                                      endpoints: { api: "{{emulatorUrl}}", oapi: "{{emulatorUrl}}" } } },
            }
            """);
        var gateway = Start(program, "gateway", "--config", config);
        await AssertAnswersAsync(emulatorUrl, gateway, "hello from the single file");

        // The sandbox: emulator, gateway and page in one process.
        var sandbox = Start(program, "sandbox", "--port", "0");
        var sandboxUrl = new Uri(await WaitForAsync(sandbox, SandboxOpen()));
        using (var http = new HttpClient())
        {
            Assert.Contains("<html", await http.GetStringAsync(sandboxUrl), StringComparison.OrdinalIgnoreCase);
        }

        await AssertAnswersAsync(sandboxUrl, sandbox, "你好，沙盒");
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            process.Dispose();
        }

        _temp.Dispose();
    }

    [GeneratedRegex(@"listening on\s+(?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex ListeningOn();

    [GeneratedRegex(@"Open (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex SandboxOpen();

    // A DM from user001 through the emulator's control API; the bot's answer appears in that conversation.
    private static async Task AssertAnswersAsync(Uri emulator, Process server, string text)
    {
        using var http = new HttpClient { BaseAddress = emulator };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonObject injected;
        while (true)
        {
            // Until the gateway's stream connection is up, the push waits for it (delivered: false); retry then.
            using var response = await http.PostAsJsonAsync("_emulator/messages", new { from = "user001", text });
            injected = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            if (response.IsSuccessStatusCode && injected["delivered"]?.GetValue<bool>() == true)
            {
                break;
            }

            Assert.False(server.HasExited, "the server exited");
            Assert.True(DateTime.UtcNow < deadline, "no stream connection to deliver to: " + injected.ToJsonString());
            await Task.Delay(250);
        }

        var conversation = (string)injected["conversationId"]!;
        while (DateTime.UtcNow < deadline)
        {
            var messages = await http.GetFromJsonAsync<JsonArray>($"_emulator/conversations/{Uri.EscapeDataString(conversation)}");
            foreach (var answer in messages!.OfType<JsonObject>().Where(m => m["fromBot"]!.GetValue<bool>()))
            {
                // A markdown answer carries its text; an AI card (the sandbox's default) streams it into the card. The sandbox speaks
                // zh-CN by default: the demo answer is headed "演示模型".
                var content = answer["outTrackId"] is JsonValue card
                    ? await http.GetStringAsync($"_emulator/cards/{Uri.EscapeDataString((string)card!)}")
                    : (string?)answer["content"]?["text"] ?? (string?)answer["content"]?["content"] ?? string.Empty;
                if (content.Contains("演示模型", StringComparison.Ordinal))
                {
                    return;
                }
            }

            await Task.Delay(250);
        }

        var seen = await http.GetStringAsync($"_emulator/conversations/{Uri.EscapeDataString(conversation)}");
        Assert.Fail($"no answer from the bot in {conversation}: {seen}");
    }

    private static async Task PublishAsync(string output)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryPaths.Root };
        info.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "scripts", "publish.sh"));
        info.ArgumentList.Add("linux-x64");
        info.Environment["OUT"] = output;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"publish.sh failed ({process.ExitCode}): {await stdout}{await stderr}");
    }

    // The environment of a machine without .NET: an empty PATH, no DOTNET_* variables, a fresh HOME.
    private ProcessStartInfo Info(string program, string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Clear();
        var empty = Path.Combine(_temp.Path, "empty-bin");
        var home = Path.Combine(_temp.Path, "home");
        Directory.CreateDirectory(empty);
        Directory.CreateDirectory(home);
        info.Environment["PATH"] = empty;
        info.Environment["HOME"] = home;
        info.Environment["TMPDIR"] = _temp.Path;
        return info;
    }

    private async Task<(int Code, string Output, string Error)> RunToEndAsync(string program, params string[] args)
    {
        using var process = Process.Start(Info(program, args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private Process Start(string program, params string[] args)
    {
        var process = new Process { StartInfo = Info(program, args) };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        _outputs[process] = output;
        return process;
    }

    private readonly Dictionary<Process, StringBuilder> _outputs = [];

    private async Task<string> WaitForAsync(Process process, Regex pattern)
    {
        var output = _outputs[process];
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            string text;
            lock (output)
            {
                text = output.ToString();
            }

            if (pattern.Match(text) is { Success: true } match)
            {
                return match.Groups["url"].Value;
            }

            Assert.False(process.HasExited, $"exited with {(process.HasExited ? process.ExitCode : 0)}: {text}");
            await Task.Delay(100);
        }

        throw new TimeoutException("no banner: " + output);
    }
}
